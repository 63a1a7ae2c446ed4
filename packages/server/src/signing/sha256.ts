/** A synchronous SHA-256; `serveNode` installs `node:crypto`'s. */
export type SyncSha256 = (data: Uint8Array<ArrayBuffer>) => Uint8Array;
let syncDigest: SyncSha256 | undefined;

const encoder = new TextEncoder();

/**
 * Digests through `digest` in this process from now on (≈ 1–3 µs instead of WebCrypto's ≈ 40 µs, and no job on the
 * thread pool), or WebCrypto again with `undefined`; internal. Idempotency body hashes and the server and admin keys'
 * digests use it.
 */
export function useSyncSha256(digest: SyncSha256 | undefined): void {
  syncDigest = digest;
}

/** SHA-256 of `text` (UTF-8): the installed synchronous digest, or WebCrypto's. */
export async function sha256(text: string): Promise<Uint8Array> {
  const bytes = encoder.encode(text);
  return syncDigest ? syncDigest(bytes) : new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
}
