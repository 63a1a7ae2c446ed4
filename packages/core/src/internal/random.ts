const BASE64URL_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Random bytes from the platform's CSPRNG (WebCrypto), base64url without padding. */
export function randomBase64Url(byteLength: number): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(byteLength));
  let out = '';
  for (const byte of bytes) out += BASE64URL_ALPHABET[byte & 63];
  return out;
}

/** A fresh wait nonce: 24 random characters (144 bits), within the protocol's 16–128 `[A-Za-z0-9_-]`. */
export function randomNonce(): string {
  return randomBase64Url(24);
}

/** One purchase's `Idempotency-Key`, sent unchanged on every retry of its create. */
export function randomIdempotencyKey(): string {
  const uuid = globalThis.crypto.randomUUID?.();
  return uuid ?? randomBase64Url(32);
}
