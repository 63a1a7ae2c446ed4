import { type CheckoutDecision, type CheckoutStep, decide, settleDelayed } from './checkout-actions.js';
import { closeDispute, type DisputeRequest, openDispute, type RefundRequest, refund } from './money-actions.js';
import type { StripeLedger } from './stripe-ledger.js';
import type { DisputeObject, RefundObject, StripeEventObject } from './stripe-objects.js';
import type { WebhookDeliveries } from './webhook-deliveries.js';

/**
 * What a test (or the hosted page) makes happen at Stripe: the player's decisions, the bank's answer to a delayed
 * payment, a session's expiry, refunds and disputes. Each resolves once the first delivery attempt of every event
 * it caused is answered (or the event was dropped or held), so a test can look at the pay server right after.
 */
export interface StripeControls {
  /** The player's click on the hosted page; answers where the browser goes next. */
  decide(sessionId: string, decision: CheckoutDecision): Promise<CheckoutStep>;
  /** The bank settles a `pay_delayed` payment: `succeeded` or `failed`. */
  settleDelayed(sessionId: string, outcome: 'succeeded' | 'failed'): Promise<StripeEventObject[]>;
  /** Stripe expires the open session (as at its `expires_at`, or `POST /v1/checkout/sessions/:id/expire`). */
  expire(sessionId: string): Promise<StripeEventObject[]>;
  /** A refund, as the merchant makes it in the Dashboard or with `POST /v1/refunds`. */
  refund(request: RefundRequest): Promise<RefundObject>;
  /** The cardholder's bank disputes the payment (a chargeback); `inquiry: true` moves no money. */
  dispute(request: DisputeRequest): Promise<DisputeObject>;
  /** The dispute ends `won` or `lost`. */
  closeDispute(disputeId: string, status: 'won' | 'lost'): Promise<StripeEventObject[]>;
}

/** The controls over one ledger and its deliveries. */
export function stripeControls(ledger: StripeLedger, deliveries: WebhookDeliveries): StripeControls {
  const delivered = async <T extends { events: StripeEventObject[] }>(result: T): Promise<T> => {
    await deliveries.firstAttempts(result.events);
    return result;
  };
  const events = async (list: StripeEventObject[]) => (await delivered({ events: list })).events;
  return {
    decide: async (sessionId, decision) => delivered(decide(ledger, sessionId, decision)),
    settleDelayed: async (sessionId, outcome) => events(settleDelayed(ledger, sessionId, outcome)),
    async expire(sessionId) {
      const before = ledger.events.length;
      const record = ledger.session(sessionId);
      if (record.session.status === 'open') ledger.expire(record);
      return events(ledger.events.slice(before));
    },
    refund: async (request) => (await delivered(refund(ledger, request))).refund,
    dispute: async (request) => (await delivered(openDispute(ledger, request))).dispute,
    closeDispute: async (disputeId, status) => events(closeDispute(ledger, disputeId, status)),
  };
}
