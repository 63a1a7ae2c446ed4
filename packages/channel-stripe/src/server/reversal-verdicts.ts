import type { ChannelReversal, NotificationVerification } from '@coinslot/server';
import type Stripe from 'stripe';
import { idOf, integerOf, type JsonObject, metadataOf, textOf, tradeNoOf } from './object-fields.js';
import { ignored, refused } from './session-facts.js';
import { fromStripeAmount } from './stripe-amounts.js';
import { STRIPE_METADATA } from './stripe-metadata.js';

/** A payment as Stripe's API states it: its bill (when Coinslot made it), its original amount and its PaymentIntent. */
interface Payment {
  billId: string | undefined;
  amount: number;
  currency: string;
  /** The PaymentIntent id (`pi_…`): the verdict's `channelTradeNo`, as on the settlement lines. */
  intentId: string | undefined;
}

/** The PaymentIntent behind a charge or dispute, read from the API (its metadata names the bill). */
async function intentPayment(stripe: Stripe, intentId: string): Promise<Payment> {
  const intent = await stripe.paymentIntents.retrieve(intentId);
  const billId = intent.metadata?.[STRIPE_METADATA.billId];
  return { billId, amount: intent.amount, currency: intent.currency, intentId: intent.id };
}

/** The bill and original amount of a charge: its own metadata when Stripe copied it there, else its PaymentIntent's. */
async function chargePayment(stripe: Stripe, charge: JsonObject): Promise<Payment | string> {
  const amount = integerOf(charge, 'amount');
  const currency = textOf(charge, 'currency');
  if (amount === undefined || currency === undefined) return 'the charge has no amount or currency';
  const own = metadataOf(charge, STRIPE_METADATA.billId);
  const intent = idOf(charge, 'payment_intent');
  const billId = own ?? (intent === undefined ? undefined : (await intentPayment(stripe, intent)).billId);
  return { billId, amount, currency, intentId: intent };
}

/** A reversal verdict in the bill's units, or a refusal when Stripe's amount has no exact value there. */
function reversal(payment: Payment & { billId: string }, rest: Partial<ChannelReversal>): NotificationVerification {
  const currency = payment.currency.toUpperCase();
  const amount = fromStripeAmount(payment.amount, currency);
  if (!Number.isSafeInteger(amount)) return refused(`amount ${payment.amount} ${currency} is not whole in minor units`);
  return { billId: payment.billId, amount, currency, ...tradeNoOf(payment.intentId), ...rest } as ChannelReversal;
}

/**
 * `charge.refunded` (sent for partial refunds too): a refund verdict whose `refundedAmount` is the charge's
 * `amount_refunded` — Stripe's running total, which is what the protocol asks for — with the charge's original
 * amount. A charge of no Coinslot bill is ignored.
 */
export async function refundVerdict(stripe: Stripe, charge: JsonObject): Promise<NotificationVerification> {
  if (charge.object !== 'charge') return refused('data.object is not a charge');
  const payment = await chargePayment(stripe, charge);
  if (typeof payment === 'string') return refused(payment);
  if (payment.billId === undefined) return ignored('a refund of a charge no Coinslot bill made');
  const refunded = integerOf(charge, 'amount_refunded');
  if (refunded === undefined) return refused('the charge has no amount_refunded');
  const refundedAmount = fromStripeAmount(refunded, payment.currency);
  if (!Number.isSafeInteger(refundedAmount)) return refused(`amount_refunded ${refunded} is not whole in minor units`);
  return reversal({ ...payment, billId: payment.billId }, { transition: 'refunded', refundedAmount });
}

/**
 * A dispute whose money left the merchant (`charge.dispute.funds_withdrawn`) or that was lost
 * (`charge.dispute.closed` with status `lost`): a chargeback verdict with the original payment's amount and the
 * dispute's `reason`. A dispute of no Coinslot bill is ignored.
 */
export async function chargebackVerdict(stripe: Stripe, dispute: JsonObject): Promise<NotificationVerification> {
  if (dispute.object !== 'dispute') return refused('data.object is not a dispute');
  const intent = idOf(dispute, 'payment_intent');
  const chargeId = idOf(dispute, 'charge');
  let payment: Payment | string;
  if (intent !== undefined) payment = await intentPayment(stripe, intent);
  else if (chargeId !== undefined)
    payment = await chargePayment(stripe, (await stripe.charges.retrieve(chargeId)) as unknown as JsonObject);
  else return refused('the dispute names no payment_intent or charge');
  if (typeof payment === 'string') return refused(payment);
  if (payment.billId === undefined) return ignored('a dispute of a payment no Coinslot bill made');
  const reason = textOf(dispute, 'reason');
  return reversal(
    { ...payment, billId: payment.billId },
    { transition: 'charged_back', ...(reason ? { reason } : {}) },
  );
}
