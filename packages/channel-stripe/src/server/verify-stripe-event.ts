import Stripe from 'stripe';

/** A verified event's parts the driver reads (Stripe signed them; their shapes are still checked before use). */
export interface VerifiedEvent {
  id: string;
  type: string;
  created: number;
  livemode: boolean;
  object: Record<string, unknown>;
}

/** Checks the HMAC with WebCrypto, so verification also runs where `node:crypto` does not. */
const cryptoProvider = Stripe.createSubtleCryptoProvider();

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Verifies a webhook with the official library (`stripe.webhooks.constructEventAsync`): the `Stripe-Signature`
 * header's `v1` HMAC-SHA256 of `"<t>.<raw body>"` with the endpoint secret, and `t` at most `toleranceSeconds` old
 * by the pay server's clock (Stripe re-signs every retry, so an old signature is a replay). Only then is the body
 * parsed and its event shape checked.
 * @returns the event, or why it is refused — in words free of the secret (the library's own messages may quote
 *   parts of it, so they are not passed on)
 */
export async function verifyStripeEvent(
  rawBody: Uint8Array,
  header: string | null,
  options: { webhookSecret: string; toleranceSeconds: number; nowMs: number },
): Promise<VerifiedEvent | string> {
  if (header === null || header.trim() === '') return 'no Stripe-Signature header';
  const timestamp = /(?:^|,)\s*t=(\d{1,12})(?:,|$)/.exec(header)?.[1];
  if (timestamp === undefined) return 'the Stripe-Signature header has no t= timestamp';
  if (!/(?:^|,)\s*v1=[0-9a-f]{64}(?:,|$)/i.test(header)) return 'the Stripe-Signature header has no v1= signature';
  let event: unknown;
  try {
    event = await Stripe.webhooks.constructEventAsync(
      rawBody,
      header,
      options.webhookSecret,
      options.toleranceSeconds,
      cryptoProvider,
      options.nowMs,
    );
  } catch (error) {
    if (!(error instanceof Stripe.errors.StripeSignatureVerificationError)) return 'the body is not JSON';
    // Tolerance 0 checks the signature alone: it tells a replayed (old but genuine) signature from a bad one.
    const genuine = await Promise.resolve(
      Stripe.webhooks.signature?.verifyHeaderAsync(rawBody, header, options.webhookSecret, 0, cryptoProvider),
    ).then(
      (verified) => verified === true,
      () => false,
    );
    const age = Math.floor(options.nowMs / 1000) - Number(timestamp);
    return genuine
      ? `the signature is ${age} s old (more than ${options.toleranceSeconds} s): a replay, or a delivery held too long`
      : 'the Stripe-Signature does not match the body (another secret, or the body changed after signing)';
  }
  if (!isObject(event) || event.object !== 'event') return 'the body is not a Stripe event';
  const { id, type, created, livemode, data } = event;
  if (typeof id !== 'string' || typeof type !== 'string' || !Number.isSafeInteger(created))
    return 'the event has no id, type or created';
  if (typeof livemode !== 'boolean' || !isObject(data) || !isObject(data.object))
    return 'the event has no livemode or data.object';
  return { id, type, created: created as number, livemode, object: data.object };
}
