import type { ChannelTransition, NotificationVerification } from '@coinslot/server';

/**
 * The provider's event types this channel maps to a bill transition. Subscribe the webhook to these only; any other
 * type that still arrives (a payout, a review) is ignored, not refused, so the provider does not retry it for days.
 * A real channel also maps its refund and dispute events to the reversal verdicts (`ChannelRefund` with the running
 * `refundedAmount`, `ChannelChargeback`; docs/writing-a-channel.md) — this template leaves them out to stay short.
 */
const TRANSITIONS: Record<string, ChannelTransition> = {
  'checkout.succeeded': 'paid',
  'checkout.declined': 'failed',
  'checkout.cancelled': 'cancelled',
};

const FIELDS = ['id', 'type', 'session', 'reference', 'amount', 'currency', 'created'];

const refuse = (reason: string): NotificationVerification => ({ refused: true, reason });

/**
 * Turn the provider's (already signature-checked) event into what the pay server understands: a verdict in the
 * protocol's terms — the bill id (the provider's `reference`), the transition, and the amount and currency **the
 * provider charged**, converted to the protocol's units (minor units, upper-case ISO 4217) — or `ignored` for an
 * event type the channel does not map (the server answers it `200` and changes nothing).
 *
 * The driver reports what the provider signed, not what it expects: the pay server compares the verdict with the
 * stored bill (same bill, channel, amount, currency) before any change, and refuses a mismatch.
 */
export function eventVerdict(rawBody: Uint8Array): NotificationVerification {
  let event: unknown;
  try {
    event = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(rawBody));
  } catch {
    return refuse('the body is not UTF-8 JSON');
  }
  if (typeof event !== 'object' || event === null || Array.isArray(event))
    return refuse('the body is not a JSON object');
  const fields = event as Record<string, unknown>;
  const { type, reference, amount, currency } = fields;
  if (typeof type !== 'string') return refuse('type must be a string');
  const transition = Object.hasOwn(TRANSITIONS, type) ? TRANSITIONS[type] : undefined;
  // Checked before the fields: another event type has other fields, and is ignored whatever they are.
  if (transition === undefined)
    return { ignored: true, reason: `unmapped event type ${JSON.stringify(type.slice(0, 60))}` };
  const unknown = Object.keys(fields).find((key) => !FIELDS.includes(key));
  if (unknown !== undefined) return refuse(`unknown field ${unknown}`);
  if (typeof reference !== 'string' || reference.length === 0) return refuse('reference must be a non-empty string');
  if (!Number.isSafeInteger(amount) || (amount as number) < 0)
    return refuse('amount must be an integer in minor units');
  if (typeof currency !== 'string' || !/^[a-z]{3}$/i.test(currency))
    return refuse('currency must be a three-letter code');
  return {
    billId: reference,
    transition,
    ...(transition === 'failed' ? { reason: 'declined' } : {}),
    amount: amount as number,
    currency: currency.toUpperCase(),
  };
}
