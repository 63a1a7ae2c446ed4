import type { NotificationVerification } from '@coinslot/server';
import type Stripe from 'stripe';
import { chargebackVerdict, refundVerdict } from './reversal-verdicts.js';
import {
  afterBillExpiry,
  ignored,
  NOT_COINSLOT_SESSION,
  readSession,
  refused,
  type SessionFacts,
  sessionVerdict,
} from './session-facts.js';
import type { VerifiedEvent } from './verify-stripe-event.js';

/** The event types the driver maps; subscribe the webhook endpoint to these (any other is answered `ignored`). */
export const STRIPE_EVENT_TYPES = [
  'checkout.session.completed',
  'checkout.session.async_payment_succeeded',
  'checkout.session.async_payment_failed',
  'checkout.session.expired',
  'charge.refunded',
  'charge.dispute.funds_withdrawn',
  'charge.dispute.closed',
] as const;

/** What each session event means for its bill, given the session's facts and the event's time. */
const SESSION_EVENTS: Record<string, (facts: SessionFacts, atMs: number) => NotificationVerification> = {
  'checkout.session.completed': (facts) =>
    facts.paymentStatus === 'paid' || facts.paymentStatus === 'no_payment_required'
      ? sessionVerdict(facts, 'paid')
      : ignored(`the session completed ${facts.paymentStatus}: a delayed payment method, its outcome comes later`),
  'checkout.session.async_payment_succeeded': (facts) => sessionVerdict(facts, 'paid'),
  'checkout.session.async_payment_failed': (facts, atMs) =>
    afterBillExpiry(facts, atMs)
      ? ignored('the delayed payment failed after its bill expired: the bill stays expired')
      : sessionVerdict(facts, 'failed'),
  'checkout.session.expired': (facts, atMs) =>
    afterBillExpiry(facts, atMs)
      ? ignored('the session expired after its bill: the bill expired by its own clock')
      : sessionVerdict(facts, 'cancelled'),
};

/**
 * Maps a verified Stripe event to the protocol's terms (docs/channels/stripe.md has the table):
 * - `checkout.session.completed` → `paid` when `payment_status` is `paid`; `unpaid` (a delayed method) is ignored
 *   until `checkout.session.async_payment_succeeded` (→ `paid`) or `…_failed` (→ `failed`, reason `declined`);
 * - `checkout.session.expired` → `cancelled` when the session closed before its bill's expiry (expired through the
 *   API or the Dashboard), ignored when after (the bill expired by itself; a verdict would only be refused);
 * - `charge.refunded` → `refunded` with `amount_refunded`, Stripe's running total;
 * - `charge.dispute.funds_withdrawn` (the money left the merchant) and `charge.dispute.closed` with status `lost` →
 *   `charged_back`; `charge.dispute.created` and every other type are ignored, as are objects Coinslot did not make.
 * A verified event the driver cannot read is refused (Stripe retries it; the pay server logs the reason).
 */
export async function mapStripeEvent(stripe: Stripe, event: VerifiedEvent): Promise<NotificationVerification> {
  const onSession = SESSION_EVENTS[event.type];
  if (onSession) {
    const facts = readSession(event.object);
    if (facts === null) return ignored(NOT_COINSLOT_SESSION);
    if (typeof facts === 'string') return refused(facts);
    return onSession(facts, event.created * 1000);
  }
  switch (event.type) {
    case 'charge.refunded':
      return refundVerdict(stripe, event.object);
    case 'charge.dispute.funds_withdrawn':
      return chargebackVerdict(stripe, event.object);
    case 'charge.dispute.closed':
      return event.object.status === 'lost'
        ? chargebackVerdict(stripe, event.object)
        : ignored(`a dispute closed ${String(event.object.status).slice(0, 40)}`);
    default:
      return ignored(`unmapped event type ${event.type.slice(0, 80)}`);
  }
}
