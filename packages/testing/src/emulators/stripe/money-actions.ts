import { invalidParam, StripeApiError } from './stripe-api-error.js';
import { stripeId } from './stripe-ids.js';
import type { StripeLedger } from './stripe-ledger.js';
import type { ChargeObject, DisputeObject, RefundObject, StripeEventObject } from './stripe-objects.js';

/** The charge a PaymentIntent or charge id points to (a refund or dispute names either). */
export function chargeOf(ledger: StripeLedger, target: { paymentIntent?: string; charge?: string }): ChargeObject {
  if (target.charge) return ledger.charge(target.charge);
  if (!target.paymentIntent) throw invalidParam('payment_intent', 'One of charge or payment_intent is required.');
  const intent = ledger.intent(target.paymentIntent);
  if (!intent.latest_charge)
    throw new StripeApiError(400, `PaymentIntent ${intent.id} has no successful charge to refund.`, {
      code: 'charge_not_refundable',
    });
  return ledger.charge(intent.latest_charge);
}

/** What a refund asks for. */
export interface RefundRequest {
  paymentIntent?: string;
  charge?: string;
  /** This refund's part, in Stripe's smallest unit. @default all that is left */
  amount?: number;
  reason?: RefundObject['reason'];
  metadata?: Record<string, string>;
}

/**
 * Refunds a charge in part or whole, as `POST /v1/refunds` does: the charge's `amount_refunded` grows by the
 * refund (the running total), and `refund.created` then `charge.refunded` are sent — for partial refunds too.
 * @throws StripeApiError 400 when nothing or less than asked is left, or the charge is disputed
 */
export function refund(
  ledger: StripeLedger,
  request: RefundRequest,
): { refund: RefundObject; events: StripeEventObject[] } {
  const charge = chargeOf(ledger, request);
  const left = charge.amount - charge.amount_refunded;
  if (charge.disputed)
    throw new StripeApiError(400, `Charge ${charge.id} has been charged back; it cannot be refunded.`, {
      code: 'charge_disputed',
    });
  if (left === 0)
    throw new StripeApiError(400, `Charge ${charge.id} has already been refunded.`, {
      code: 'charge_already_refunded',
    });
  const amount = request.amount ?? left;
  if (amount < 1 || amount > left)
    throw invalidParam(
      'amount',
      `Refund amount (${amount}) is greater than unrefunded amount on charge (${left})`,
      'amount_too_large',
    );
  const refundObject: RefundObject = {
    id: stripeId('re'),
    object: 'refund',
    amount,
    charge: charge.id,
    created: ledger.nowSeconds(),
    currency: charge.currency,
    metadata: request.metadata ?? {},
    payment_intent: charge.payment_intent,
    reason: request.reason ?? null,
    status: 'succeeded',
  };
  ledger.refunds.set(refundObject.id, refundObject);
  const previous = { amount_refunded: charge.amount_refunded, refunded: charge.refunded };
  charge.amount_refunded += amount;
  charge.refunded = charge.amount_refunded === charge.amount;
  const events = [ledger.emit('refund.created', refundObject), ledger.emit('charge.refunded', charge, previous)];
  return { refund: refundObject, events };
}

/** What a dispute (a chargeback the cardholder's bank opens) looks like. */
export interface DisputeRequest {
  paymentIntent?: string;
  charge?: string;
  /** Stripe's dispute reason. @default 'fraudulent' */
  reason?: string;
  /** An inquiry (`warning_needs_response`): no money moves, so no `charge.dispute.funds_withdrawn`. @default false */
  inquiry?: boolean;
}

/**
 * Opens a dispute on a charge, as the cardholder's bank does: `charge.dispute.created`, then — unless it is an
 * inquiry — `charge.dispute.funds_withdrawn` (the disputed amount leaves the merchant's balance at once).
 * @throws StripeApiError 400 when the charge is already disputed
 */
export function openDispute(
  ledger: StripeLedger,
  request: DisputeRequest,
): { dispute: DisputeObject; events: StripeEventObject[] } {
  const charge = chargeOf(ledger, request);
  if (charge.disputed) throw new StripeApiError(400, `Charge ${charge.id} is already disputed.`);
  charge.disputed = true;
  const dispute: DisputeObject = {
    id: stripeId('dp'),
    object: 'dispute',
    amount: charge.amount - charge.amount_refunded,
    charge: charge.id,
    created: ledger.nowSeconds(),
    currency: charge.currency,
    is_charge_refundable: false,
    livemode: false,
    metadata: {},
    payment_intent: charge.payment_intent,
    reason: request.reason ?? 'fraudulent',
    status: request.inquiry ? 'warning_needs_response' : 'needs_response',
  };
  ledger.disputes.set(dispute.id, dispute);
  const events = [ledger.emit('charge.dispute.created', dispute)];
  if (!request.inquiry) events.push(ledger.emit('charge.dispute.funds_withdrawn', dispute));
  return { dispute, events };
}

/**
 * Ends a dispute: `charge.dispute.closed` with status `won` or `lost`; a won dispute whose funds were withdrawn
 * also sends `charge.dispute.funds_reinstated`.
 */
export function closeDispute(ledger: StripeLedger, disputeId: string, status: 'won' | 'lost'): StripeEventObject[] {
  const dispute = ledger.dispute(disputeId);
  if (dispute.status === 'won' || dispute.status === 'lost')
    throw new StripeApiError(400, `Dispute ${dispute.id} is already closed (${dispute.status}).`);
  const withdrawn = dispute.status !== 'warning_needs_response';
  dispute.status = status;
  const events = [ledger.emit('charge.dispute.closed', dispute)];
  if (status === 'won' && withdrawn) events.push(ledger.emit('charge.dispute.funds_reinstated', dispute));
  return events;
}
