import type { ChannelVerdict, NotificationVerification } from '@coinslot/server';
import { fromStripeAmount } from './stripe-amounts.js';
import { STRIPE_METADATA } from './stripe-metadata.js';
import { idOf, integerOf, type JsonObject, metadataOf, textOf, tradeNoOf } from './object-fields.js';

/** What a Checkout Session says about its bill, in Coinslot's units. */
export interface SessionFacts {
  billId: string;
  /** `amount_total` in the bill's unit (ISO minor units). */
  amount: number;
  /** Upper-case ISO 4217. */
  currency: string;
  status: string;
  paymentStatus: string;
  /** The bill's `expiresAt` the driver wrote on the session, when it is there. */
  billExpiresAt: number | undefined;
  paymentIntent: string | undefined;
}

/** Not a Coinslot session (no bill id in its metadata): another integration's session on the same account. */
export const NOT_COINSLOT_SESSION = 'a Checkout Session without coinslot_bill_id metadata (not created by Coinslot)';

/**
 * Reads a Checkout Session (from a verified event or the API) defensively.
 * @returns its facts; `null` for a session Coinslot did not create; or why it cannot be read
 */
export function readSession(object: JsonObject): SessionFacts | null | string {
  if (object.object !== 'checkout.session') return 'data.object is not a checkout.session';
  const billId = metadataOf(object, STRIPE_METADATA.billId);
  if (billId === undefined) return null;
  const reference = textOf(object, 'client_reference_id');
  if (reference !== undefined && reference !== billId)
    return 'the session names two bills (client_reference_id and metadata differ)';
  const total = integerOf(object, 'amount_total');
  const currency = textOf(object, 'currency')?.toUpperCase();
  if (total === undefined || currency === undefined || !/^[A-Z]{3}$/.test(currency))
    return 'the session has no amount_total or currency';
  const amount = fromStripeAmount(total, currency);
  if (!Number.isSafeInteger(amount)) return `amount_total ${total} ${currency} is not a whole amount in minor units`;
  const expires = Number(metadataOf(object, STRIPE_METADATA.billExpiresAt));
  return {
    billId,
    amount,
    currency,
    status: textOf(object, 'status') ?? '',
    paymentStatus: textOf(object, 'payment_status') ?? '',
    billExpiresAt: Number.isSafeInteger(expires) ? expires : undefined,
    paymentIntent: idOf(object, 'payment_intent'),
  };
}

/** How much a clock may be off Stripe's when telling "before the bill expired" from "after". */
const SKEW_MS = 60_000;

/**
 * Whether something that happened at `atMs` happened after the session's bill expired (by the bill's own
 * `expiresAt`, less a minute for clocks): the pay server has expired the bill then, so a session's expiry or a
 * delayed payment's failure changes nothing — and a verdict would only be refused (`409`) and retried by Stripe.
 */
export const afterBillExpiry = (facts: SessionFacts, atMs: number): boolean =>
  facts.billExpiresAt !== undefined && atMs >= facts.billExpiresAt - SKEW_MS;

/**
 * The verdict of a session's outcome, with the amount and currency Stripe signed; its `channelTradeNo` is the
 * session's PaymentIntent id (`pi_…`), the id Stripe's balance transactions name (stripe-settlement.ts).
 */
export function sessionVerdict(facts: SessionFacts, transition: ChannelVerdict['transition']): ChannelVerdict {
  return {
    billId: facts.billId,
    transition,
    ...(transition === 'failed' ? { reason: 'declined' } : {}),
    amount: facts.amount,
    currency: facts.currency,
    ...tradeNoOf(facts.paymentIntent),
  };
}

/** An ignored event, with its reason for the log. */
export const ignored = (reason: string): NotificationVerification => ({ ignored: true, reason });

/** A refusal, with its reason for the log. */
export const refused = (reason: string): NotificationVerification & { refused: true } => ({ refused: true, reason });
