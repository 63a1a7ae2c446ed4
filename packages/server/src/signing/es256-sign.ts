/**
 * Makes the raw ES256 signature of `data` with `key`: r ‖ s, 64 bytes, the form JWS wants (not DER).
 * May answer synchronously.
 */
export type Es256Sign = (key: CryptoKey, data: Uint8Array<ArrayBuffer>) => Uint8Array | Promise<Uint8Array>;

const ES256 = { name: 'ECDSA', hash: 'SHA-256' } as const;

/** WebCrypto's ES256, on every runtime. Its ECDSA signature is already r ‖ s. */
export const webCryptoEs256Sign: Es256Sign = async (key, data) =>
  new Uint8Array(await crypto.subtle.sign(ES256, key, data));

let current: Es256Sign = webCryptoEs256Sign;

/** The ES256 signature as this process makes it: WebCrypto, unless the Node adapter installed `node:crypto`'s. */
export const es256Sign: Es256Sign = (key, data) => current(key, data);

/**
 * Replaces how this process signs (the Node adapter installs `node:crypto`'s, which makes the same r ‖ s bytes in
 * about half the time). Internal: not exported from the package.
 */
export function useEs256Sign(sign: Es256Sign): void {
  current = sign;
}
