/**
 * Random bytes from the platform's CSPRNG (WebCrypto) as lower-case hex, two characters per byte: within the
 * protocol's `[A-Za-z0-9_-]` and safe in a file name, with no alphabet table to ship.
 */
export function randomHex(byteLength: number): string {
  let out = '';
  for (const byte of globalThis.crypto.getRandomValues(new Uint8Array(byteLength)))
    out += (byte | 256).toString(16).slice(1);
  return out;
}

/** A fresh wait nonce: 36 random hex characters (144 bits), within the protocol's 16–128 `[A-Za-z0-9_-]`. */
export function randomNonce(): string {
  return randomHex(18);
}

/** One purchase's `Idempotency-Key`, sent unchanged on every retry of its create. */
export function randomIdempotencyKey(): string {
  const uuid = globalThis.crypto.randomUUID?.();
  return uuid ?? randomHex(16);
}
