import { decodeBase64, encodeBase64, WEBHOOK_SECRET_PREFIX } from '@coinslot/protocol';

/** The key sizes Standard Webhooks recommends for a `whsec_` secret, in bytes. */
const MIN_BYTES = 24;
const MAX_BYTES = 64;

/**
 * The HMAC key bytes of a webhook secret: `whsec_` + standard base64 of 24–64 random bytes (the Standard Webhooks
 * form). Throws a `TypeError` that never repeats the secret.
 */
export function webhookSecretBytes(secret: string): Uint8Array<ArrayBuffer> {
  const bytes =
    typeof secret === 'string' && secret.startsWith(WEBHOOK_SECRET_PREFIX)
      ? decodeBase64(secret.slice(WEBHOOK_SECRET_PREFIX.length))
      : undefined;
  if (bytes === undefined || bytes.length < MIN_BYTES || bytes.length > MAX_BYTES) {
    throw new TypeError(
      `Invalid webhook secret: must be ${WEBHOOK_SECRET_PREFIX} + standard base64 of ${MIN_BYTES}–${MAX_BYTES} random bytes (coinslot-server keygen webhook-secret makes one)`,
    );
  }
  return bytes;
}

/** A fresh webhook secret for the HMAC option: `whsec_` + standard base64 of 32 random bytes. */
export function generateWebhookSecret(): string {
  return WEBHOOK_SECRET_PREFIX + encodeBase64(crypto.getRandomValues(new Uint8Array(32)));
}
