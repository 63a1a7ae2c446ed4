import { createPublicKey, type KeyObject, verify } from 'node:crypto';
import { RESULT_ALGORITHMS, type ResultPublicKey, type ResultVerifier } from '@coinslot/protocol';

// Keyed by the JWK object: pinned keys and the key source's memoised list keep their objects, so each is imported once.
const keyObjects = new WeakMap<ResultPublicKey, KeyObject>();

function keyObjectOf(key: ResultPublicKey): KeyObject {
  let keyObject = keyObjects.get(key);
  if (keyObject === undefined) {
    // Only the members the curve needs, as the WebCrypto import does: a server's `use` or `key_ops` cannot fail it.
    const { kty, crv, x, y } = key;
    const spec = RESULT_ALGORITHMS[key.alg];
    if (kty !== spec.kty || crv !== spec.crv) throw new TypeError(`key ${key.kid} is not a ${key.alg} key`);
    keyObject = createPublicKey({ key: kty === 'EC' ? { kty, crv, x, y } : { kty, crv, x }, format: 'jwk' });
    keyObjects.set(key, keyObject);
  }
  return keyObject;
}

/**
 * A result verifier on `node:crypto`, for the `verifier` option of `createCoinslot` in Node and the Electron main
 * process: the same answers as the default WebCrypto one (the protocol's rules all stay in `checkSignedResult`), in
 * less CPU per result — synchronous, no WebCrypto job (docs/performance.md, "CPU per operation"). Not for browsers.
 */
export function nodeResultVerifier(): ResultVerifier {
  return (key, signature, signedBytes) => {
    const keyObject = keyObjectOf(key); // throws when the key cannot be imported: the result is rejected so
    try {
      // ES256's JWS signature is raw r ‖ s (IEEE P1363), not the DER node:crypto reads by default.
      return key.alg === 'ES256'
        ? verify('sha256', signedBytes, { key: keyObject, dsaEncoding: 'ieee-p1363' }, signature)
        : verify(null, signedBytes, keyObject, signature);
    } catch {
      return false;
    }
  };
}
