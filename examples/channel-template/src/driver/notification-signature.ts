/**
 * The provider's notification signature: the header `Example-Signature: t=<unix seconds>,v1=<hex>` where `v1` is
 * HMAC-SHA256 of `"<t>." + raw body` with the webhook secret. The timestamp is inside the MAC, so it cannot be
 * moved; several `v1` entries may appear while the provider rotates its secret.
 *
 * WebCrypto only (no `node:crypto`), so the driver also runs on `@coinslot/server/web` in workers.
 */

/** The header the provider signs with. */
export const SIGNATURE_HEADER = 'example-signature';

const encoder = new TextEncoder();

/** The parts of a signature header, or a string saying what is wrong with it. */
export function parseSignatureHeader(header: string): { timestamp: number; signatures: string[] } | string {
  let timestamp: number | undefined;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const [key, value = ''] = part.trim().split('=', 2);
    if (key === 't' && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    else if (key === 'v1' && /^[0-9a-f]{64}$/i.test(value)) signatures.push(value);
  }
  if (timestamp === undefined) return 'the signature header has no valid t=';
  if (signatures.length === 0) return 'the signature header has no valid v1=';
  return { timestamp, signatures };
}

function fromHex(hex: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from({ length: hex.length / 2 }, (_, i) => parseInt(hex.slice(i * 2, i * 2 + 2), 16));
}

/** The exact bytes the provider signed: `"<t>."` followed by the raw body. */
function signedBytes(timestamp: number, rawBody: Uint8Array): Uint8Array<ArrayBuffer> {
  const prefix = encoder.encode(`${timestamp}.`);
  const bytes = new Uint8Array(prefix.length + rawBody.length);
  bytes.set(prefix);
  bytes.set(rawBody, prefix.length);
  return bytes;
}

/** Imports the webhook secret as an HMAC-SHA256 verification key (once per driver). */
export function importWebhookKey(secret: string): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
}

/**
 * Whether any of `signatures` is the HMAC of the signed bytes. WebCrypto's `verify` compares in constant time,
 * so nothing about the expected MAC leaks through timing.
 */
export async function verifySignature(
  key: CryptoKey,
  timestamp: number,
  rawBody: Uint8Array,
  signatures: readonly string[],
): Promise<boolean> {
  const data = signedBytes(timestamp, rawBody);
  for (const signature of signatures) {
    if (await crypto.subtle.verify('HMAC', key, fromHex(signature), data)) return true;
  }
  return false;
}
