/** The HMAC-SHA256 of `data` under `key` (the sandbox secret, imported for WebCrypto's HMAC). May answer synchronously. */
export type SandboxHmac = (key: CryptoKey, data: Uint8Array<ArrayBuffer>) => Uint8Array | Promise<Uint8Array>;

/** WebCrypto's HMAC, on every runtime. */
export const webCryptoSandboxHmac: SandboxHmac = async (key, data) =>
  new Uint8Array(await crypto.subtle.sign('HMAC', key, data));

let current: SandboxHmac = webCryptoSandboxHmac;

/** The sandbox's HMAC as this process makes it: WebCrypto, unless the Node adapter installed `node:crypto`'s. */
export const sandboxHmac: SandboxHmac = (key, data) => current(key, data);

/**
 * Replaces how this process computes the sandbox's HMACs. `serveNode` installs `node:crypto`'s (the same bytes in
 * ≈ 3 µs of CPU instead of WebCrypto's ≈ 20; the sandbox checks one per notification and derives one per checkout
 * token). Process-wide, unlike the pay server's `signer` option: the sandbox is a development driver, and its HMAC
 * has no per-server choice worth an option. Internal: not exported from the package.
 */
export function useSandboxHmac(hmac: SandboxHmac): void {
  current = hmac;
}
