/** A synchronous HMAC-SHA256 under an imported key; `serveNode` installs `node:crypto`'s. */
export type SyncHmacSha256 = (key: CryptoKey, data: Uint8Array<ArrayBuffer>) => Uint8Array;
let syncMac: SyncHmacSha256 | undefined;

/**
 * HMACs through `mac` in this process from now on (≈ 3 µs instead of WebCrypto's ≈ 30–40), or WebCrypto again with
 * `undefined`; internal. Bill tokens and sealed bus messages use it.
 */
export function useSyncHmacSha256(mac: SyncHmacSha256 | undefined): void {
  syncMac = mac;
}

/** HMAC-SHA256 of `data` under `key` (a WebCrypto HMAC key with `sign`): the installed synchronous one, or WebCrypto. */
export async function hmacSha256(key: CryptoKey, data: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  return syncMac ? syncMac(key, data) : new Uint8Array(await crypto.subtle.sign('HMAC', key, data));
}

/** Whether a synchronous HMAC is installed (then {@link hmacSha256} needs no WebCrypto job). */
export const hasSyncHmacSha256 = (): boolean => syncMac !== undefined;

/** Compares in time that does not depend on where the bytes differ. */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i += 1) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

/** An HMAC-SHA256 key (sign and verify) from raw bytes. */
export function importHmacKey(bytes: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', bytes, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
}
