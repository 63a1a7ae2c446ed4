import type { ResultPublicKey } from '../wire-types.js';
import { importResultPublicKey, RESULT_ALGORITHMS } from './import-public-key.js';

/**
 * Checks one signature of a signed result: whether `signature` (raw, 64 bytes) is `key`'s over `signedBytes` (the
 * header and payload parts as received). {@link checkSignedResult} has already checked the header, that `key` is
 * trusted and that its `alg` is the header's; a verifier does the cryptography. It answers `false` for a signature that
 * does not verify and rejects (or throws) only when the key cannot be imported — also when its `kty` and `crv` do
 * not fit its `alg` ({@link RESULT_ALGORITHMS}). A runtime with a faster
 * native library passes its own (`nodeResultVerifier()` in `@coinslot/core/node-verifier`).
 */
export type ResultVerifier = (
  key: ResultPublicKey,
  signature: Uint8Array<ArrayBuffer>,
  signedBytes: Uint8Array<ArrayBuffer>,
) => boolean | Promise<boolean>;

/** The default verifier: WebCrypto, on every runtime; each key is imported once. */
export const webCryptoResultVerifier: ResultVerifier = async (key, signature, signedBytes) => {
  const cryptoKey = (await importResultPublicKey(key)) as CryptoKey;
  return globalThis.crypto.subtle
    .verify(RESULT_ALGORITHMS[key.alg].verifyParams, cryptoKey, signature, signedBytes)
    .catch(() => false);
};
