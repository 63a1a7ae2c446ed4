import { isRecord } from '../is-record.js';
import type { ResultPublicKey } from '../wire-types.js';

/** WebCrypto parameters of each allowed result algorithm. */
export const RESULT_ALGORITHMS = {
  ES256: {
    kty: 'EC',
    crv: 'P-256',
    importParams: { name: 'ECDSA', namedCurve: 'P-256' } satisfies EcKeyImportParams,
    verifyParams: { name: 'ECDSA', hash: 'SHA-256' } satisfies EcdsaParams,
  },
  EdDSA: {
    kty: 'OKP',
    crv: 'Ed25519',
    importParams: { name: 'Ed25519' } satisfies Algorithm,
    verifyParams: { name: 'Ed25519' } satisfies Algorithm,
  },
} as const;

/** An algorithm a result may be signed with. */
export type ResultAlgorithm = keyof typeof RESULT_ALGORITHMS;

/** Whether a value can be a trusted result key: a JWK with a `kid` and an allowed `alg`. */
export const isResultKey = (key: unknown): key is ResultPublicKey =>
  isRecord(key) && typeof key.kid === 'string' && Object.hasOwn(RESULT_ALGORITHMS, key.alg as string);

/** A WebCrypto `CryptoKey`, named structurally so these declarations compile without the DOM library. */
export interface ResultVerifyKey {
  readonly type: string;
  readonly extractable: boolean;
  readonly algorithm: object;
  readonly usages: readonly string[];
}

// Keyed by the JWK object: a pinned or memoised key list keeps its objects, so each key is imported once.
const imported = new WeakMap<ResultPublicKey, Promise<CryptoKey>>();

/**
 * Import a trusted JWK as a WebCrypto verify key, cached. Only the members the curve needs are passed,
 * so `use`, `key_ops` or `alg` spellings of the server cannot make the import fail. Rejects when the key's
 * type and curve do not fit its `alg`.
 */
export function importResultPublicKey(key: ResultPublicKey): Promise<ResultVerifyKey> {
  let promise = imported.get(key);
  if (promise === undefined) {
    promise = importUncached(key);
    imported.set(key, promise);
    promise.catch(() => imported.delete(key));
  }
  return promise;
}

async function importUncached(key: ResultPublicKey): Promise<CryptoKey> {
  const spec = RESULT_ALGORITHMS[key.alg];
  if (spec === undefined || key.kty !== spec.kty || key.crv !== spec.crv) {
    throw new TypeError(`key ${key.kid} is not a ${key.alg} key (kty ${key.kty}, crv ${key.crv})`);
  }
  const jwk: JsonWebKey = { kty: key.kty, crv: key.crv, x: key.x };
  if (key.kty === 'EC') jwk.y = key.y;
  return globalThis.crypto.subtle.importKey('jwk', jwk, spec.importParams, false, ['verify']);
}
