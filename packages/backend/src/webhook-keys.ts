import { decodeBase64, WEBHOOK_PUBLIC_KEY_PREFIX, WEBHOOK_SECRET_PREFIX } from '@coinslot/protocol';

/** The signature schemes of a `webhook-signature` entry: `v1a` Ed25519 (the default), `v1` HMAC-SHA256. */
export type WebhookScheme = 'v1a' | 'v1';

/** One key a receiver trusts: checks the signatures of its scheme over the signed content. */
export interface WebhookKey {
  scheme: WebhookScheme;
  /** Whether any of `signatures` (decoded entries of this key's scheme) signs `content`. */
  signs(content: Uint8Array<ArrayBuffer>, signatures: readonly Uint8Array<ArrayBuffer>[]): Promise<boolean>;
}

const ED25519_KEY_BYTES = 32;
const ED25519_SIGNATURE_BYTES = 64;
// Standard Webhooks secrets are 24–64 random bytes, as the pay server makes them.
const MIN_SECRET_BYTES = 24;
const MAX_SECRET_BYTES = 64;

/** `whpk_` + base64 of a raw 32-byte Ed25519 public key → a key; a TypeError for anything else. */
export function ed25519Key(text: string): WebhookKey {
  const raw = keyBytes(text, WEBHOOK_PUBLIC_KEY_PREFIX, 'publicKey');
  if (raw.length !== ED25519_KEY_BYTES) {
    throw new TypeError(`Invalid publicKey: ${raw.length} bytes after whpk_, an Ed25519 public key has 32`);
  }
  const key = once(() => crypto.subtle.importKey('raw', raw, { name: 'Ed25519' }, false, ['verify']));
  return {
    scheme: 'v1a',
    async signs(content, signatures) {
      for (const signature of signatures) {
        if (signature.length !== ED25519_SIGNATURE_BYTES) continue;
        if (await crypto.subtle.verify({ name: 'Ed25519' }, await key(), signature, content)) return true;
      }
      return false;
    },
  };
}

/** `whsec_` + base64 of the HMAC key bytes → a key; a TypeError for anything else. */
export function hmacKey(text: string): WebhookKey {
  const raw = keyBytes(text, WEBHOOK_SECRET_PREFIX, 'secret');
  if (raw.length < MIN_SECRET_BYTES || raw.length > MAX_SECRET_BYTES) {
    throw new TypeError(
      `Invalid secret: ${raw.length} bytes after whsec_, ${MIN_SECRET_BYTES}–${MAX_SECRET_BYTES} expected`,
    );
  }
  const key = once(() => crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']));
  return {
    scheme: 'v1',
    async signs(content, signatures) {
      if (signatures.length === 0) return false;
      const expected = new Uint8Array(await crypto.subtle.sign('HMAC', await key(), content));
      return signatures.some((signature) => equalInConstantTime(signature, expected));
    },
  };
}

function keyBytes(text: unknown, prefix: string, option: string): Uint8Array<ArrayBuffer> {
  const raw = typeof text === 'string' && text.startsWith(prefix) ? decodeBase64(text.slice(prefix.length)) : undefined;
  if (raw === undefined) throw new TypeError(`Invalid ${option}: "${prefix}" followed by standard padded base64`);
  return raw;
}

/** Compares two byte strings in a time that depends on their length only, not on where they differ. */
function equalInConstantTime(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a[i]! ^ b[i]!;
  return difference === 0;
}

/** `make()` on the first call, the same promise after; a failed import is tried again next time. */
function once<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined;
  return () => {
    made ??= make().catch((error: unknown) => {
      made = undefined;
      throw error;
    });
    return made;
  };
}
