import { StripeApiError } from './stripe-api-error.js';
import type { SessionRecord, StripeLedger } from './stripe-ledger.js';
import type { StripeEventObject } from './stripe-objects.js';

/**
 * What the player does on the hosted checkout page:
 * - `pay`: a card payment that succeeds at once (`checkout.session.completed`, `payment_status: paid`);
 * - `pay_delayed`: a delayed-notification method (a bank debit): the session completes `unpaid` and the money
 *   arrives — or not — later, see {@link settleDelayed};
 * - `decline`: the card is declined; like Stripe's page, the session stays open for another try;
 * - `leave`: the player follows the page's back link to `cancel_url`; the session stays open (nothing is sent).
 */
export type CheckoutDecision = 'pay' | 'pay_delayed' | 'decline' | 'leave';

/** Every {@link CheckoutDecision}, in the page's button order. */
export const CHECKOUT_DECISIONS: readonly CheckoutDecision[] = ['pay', 'pay_delayed', 'decline', 'leave'];

/** Where the player's browser goes after a decision, and the events it caused. */
export interface CheckoutStep {
  /** `success_url` (with `{CHECKOUT_SESSION_ID}` filled in) or `cancel_url`; `null` when the page stays. */
  redirect: string | null;
  /** What the page shows when it stays (a decline). */
  message?: string;
  events: StripeEventObject[];
}

function requireOpen(record: SessionRecord): void {
  if (record.session.status !== 'open') {
    throw new StripeApiError(400, `This Checkout Session is ${record.session.status}: it can no longer be paid.`, {
      code: 'checkout_session_not_open',
    });
  }
}

const successUrl = (record: SessionRecord) =>
  record.session.success_url?.replaceAll('{CHECKOUT_SESSION_ID}', record.session.id) ?? null;

/**
 * Plays one decision of the player on the session's page. Decisions on a session that is no longer open (paid,
 * expired — also one whose `expires_at` passed just now) are refused with `400`, as Stripe's page refuses them.
 * @throws StripeApiError
 */
export function decide(ledger: StripeLedger, sessionId: string, decision: CheckoutDecision): CheckoutStep {
  const record = ledger.session(sessionId);
  if (decision === 'leave') return { redirect: record.session.cancel_url, events: [] };
  requireOpen(record);
  const { session } = record;
  const intent = ledger.intentOf(record);
  if (decision === 'decline') {
    intent.last_payment_error = {
      code: 'card_declined',
      decline_code: 'generic_decline',
      message: 'Your card was declined.',
      type: 'card_error',
    };
    return {
      redirect: null,
      message: 'Your card was declined.',
      events: [ledger.emit('payment_intent.payment_failed', intent)],
    };
  }
  const events: StripeEventObject[] = [];
  if (decision === 'pay') {
    const charge = ledger.chargeIntent(intent);
    session.payment_status = 'paid';
    events.push(ledger.emit('payment_intent.succeeded', intent), ledger.emit('charge.succeeded', charge));
  } else {
    intent.status = 'processing';
    intent.last_payment_error = null;
    events.push(ledger.emit('payment_intent.processing', intent));
  }
  session.status = 'complete';
  session.url = null;
  events.push(ledger.emit('checkout.session.completed', session));
  return { redirect: successUrl(record), events };
}

/**
 * The bank's answer to a delayed payment (`pay_delayed`): `succeeded` charges it and sends
 * `checkout.session.async_payment_succeeded`; `failed` sends `checkout.session.async_payment_failed` (the session
 * stays `complete` and `unpaid`, its PaymentIntent back to `requires_payment_method`).
 * @throws StripeApiError 400 when the session has no payment in flight
 */
export function settleDelayed(
  ledger: StripeLedger,
  sessionId: string,
  outcome: 'succeeded' | 'failed',
): StripeEventObject[] {
  const record = ledger.session(sessionId);
  const intent = record.session.payment_intent ? ledger.intent(record.session.payment_intent) : undefined;
  if (record.session.status !== 'complete' || intent?.status !== 'processing')
    throw new StripeApiError(400, 'This Checkout Session has no delayed payment in flight.');
  if (outcome === 'succeeded') {
    const charge = ledger.chargeIntent(intent);
    record.session.payment_status = 'paid';
    return [
      ledger.emit('payment_intent.succeeded', intent),
      ledger.emit('charge.succeeded', charge),
      ledger.emit('checkout.session.async_payment_succeeded', record.session),
    ];
  }
  intent.status = 'requires_payment_method';
  intent.last_payment_error = {
    code: 'payment_method_provider_decline',
    message: 'The bank declined the debit.',
    type: 'card_error',
  };
  return [
    ledger.emit('payment_intent.payment_failed', intent),
    ledger.emit('checkout.session.async_payment_failed', record.session),
  ];
}
