import type { SessionLine, SessionParams } from './checkout-session-params.js';
import { noSuch } from './stripe-api-error.js';
import { stripeId, unixSeconds } from './stripe-ids.js';
import type {
  ChargeObject,
  CheckoutSessionObject,
  DisputeObject,
  PaymentIntentObject,
  RefundObject,
  StripeEventObject,
  StripeObject,
} from './stripe-objects.js';

/** A session with what Stripe keeps beside it: its lines and the metadata its PaymentIntent will get. */
export interface SessionRecord {
  session: CheckoutSessionObject;
  lines: SessionLine[];
  intentMetadata: Record<string, string>;
}

/** What the ledger needs from the emulator. */
export interface LedgerOptions {
  /** The emulator's clock, ms since epoch. */
  now(): number;
  /** The hosted checkout page of a session. */
  pageUrl(sessionId: string): string;
  /** The `api_version` events carry. */
  apiVersion: string;
  /** Called with every event the moment it is created (the webhook deliveries pick it up). */
  onEvent(event: StripeEventObject): void;
}

/**
 * The emulated Stripe account's objects — sessions, PaymentIntents, charges, refunds, disputes — and its events.
 * Every change that Stripe announces creates an event here, with a snapshot of the object as it was then.
 */
export class StripeLedger {
  readonly sessions = new Map<string, SessionRecord>();
  readonly intents = new Map<string, PaymentIntentObject>();
  readonly charges = new Map<string, ChargeObject>();
  readonly refunds = new Map<string, RefundObject>();
  readonly disputes = new Map<string, DisputeObject>();
  readonly events: StripeEventObject[] = [];

  constructor(private readonly options: LedgerOptions) {}

  /** The clock in Unix seconds. */
  nowSeconds(): number {
    return unixSeconds(this.options.now());
  }

  /** Records an event about `object` (a snapshot) and hands it to the deliveries. */
  emit(type: string, object: StripeObject, previous?: Record<string, unknown>): StripeEventObject {
    const event: StripeEventObject = {
      id: stripeId('evt'),
      object: 'event',
      api_version: this.options.apiVersion,
      created: this.nowSeconds(),
      data: { object: structuredClone(object), ...(previous ? { previous_attributes: previous } : {}) },
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type,
    };
    this.events.push(event);
    this.options.onEvent(event);
    return event;
  }

  /** Creates an open session from checked parameters. */
  createSession(params: SessionParams): CheckoutSessionObject {
    const id = stripeId('cs_test', 58);
    const session: CheckoutSessionObject = {
      id,
      object: 'checkout.session',
      amount_subtotal: params.amountTotal,
      amount_total: params.amountTotal,
      cancel_url: params.cancelUrl,
      client_reference_id: params.clientReferenceId,
      created: this.nowSeconds(),
      currency: params.currency,
      customer: null,
      customer_email: params.customerEmail,
      expires_at: params.expiresAt,
      livemode: false,
      locale: params.locale,
      metadata: params.metadata,
      mode: 'payment',
      payment_intent: null,
      payment_method_types: params.paymentMethodTypes,
      payment_status: params.amountTotal === 0 ? 'no_payment_required' : 'unpaid',
      status: 'open',
      success_url: params.successUrl,
      url: this.options.pageUrl(id),
    };
    this.sessions.set(id, { session, lines: params.lines, intentMetadata: params.paymentIntentMetadata });
    return session;
  }

  /**
   * The session with this id, expired first when its `expires_at` has passed (Stripe expires open sessions on its
   * own schedule; the emulator does it when the session is next looked at, and announces it then).
   * @throws StripeApiError 404 for an unknown id
   */
  session(id: string): SessionRecord {
    const record = this.sessions.get(id);
    if (!record) throw noSuch('checkout.session', id);
    if (record.session.status === 'open' && this.nowSeconds() >= record.session.expires_at) this.expire(record);
    return record;
  }

  /** Expires an open session: no payment is possible after, and `checkout.session.expired` is sent. */
  expire(record: SessionRecord): void {
    record.session.status = 'expired';
    record.session.url = null;
    this.emit('checkout.session.expired', record.session);
  }

  /** The PaymentIntent with this id. @throws StripeApiError 404 */
  intent(id: string): PaymentIntentObject {
    const intent = this.intents.get(id);
    if (!intent) throw noSuch('payment_intent', id);
    return intent;
  }

  /** The charge with this id. @throws StripeApiError 404 */
  charge(id: string): ChargeObject {
    const charge = this.charges.get(id);
    if (!charge) throw noSuch('charge', id);
    return charge;
  }

  /** The dispute with this id. @throws StripeApiError 404 */
  dispute(id: string): DisputeObject {
    const dispute = this.disputes.get(id);
    if (!dispute) throw noSuch('dispute', id);
    return dispute;
  }

  /** The session's PaymentIntent, made on the first payment attempt (as Checkout does). */
  intentOf(record: SessionRecord): PaymentIntentObject {
    const { session } = record;
    if (session.payment_intent) return this.intent(session.payment_intent);
    const intent: PaymentIntentObject = {
      id: stripeId('pi'),
      object: 'payment_intent',
      amount: session.amount_total,
      amount_received: 0,
      created: this.nowSeconds(),
      currency: session.currency,
      last_payment_error: null,
      latest_charge: null,
      livemode: false,
      metadata: { ...record.intentMetadata },
      payment_method_types: session.payment_method_types,
      status: 'requires_payment_method',
    };
    this.intents.set(intent.id, intent);
    session.payment_intent = intent.id;
    return intent;
  }

  /** A succeeded charge for the whole of `intent`, which becomes `succeeded`. */
  chargeIntent(intent: PaymentIntentObject): ChargeObject {
    const charge: ChargeObject = {
      id: stripeId('ch'),
      object: 'charge',
      amount: intent.amount,
      amount_captured: intent.amount,
      amount_refunded: 0,
      captured: true,
      created: this.nowSeconds(),
      currency: intent.currency,
      disputed: false,
      livemode: false,
      metadata: {},
      paid: true,
      payment_intent: intent.id,
      refunded: false,
      status: 'succeeded',
    };
    this.charges.set(charge.id, charge);
    Object.assign(intent, { status: 'succeeded', amount_received: intent.amount, latest_charge: charge.id });
    intent.last_payment_error = null;
    return charge;
  }
}
