import { CoinslotError } from '../errors/coinslot-error.js';
import { isRecord } from '../internal/guards.js';
import type { SignedResultPayload } from '../protocol/bill.js';
import { decodeBase64Url, decodeJsonPart } from './base64url.js';
import { ALGORITHMS, importPublicKey, type ResultAlgorithm } from './import-public-key.js';
import { findTrustedKey, type KeyResolver } from './key-resolver.js';
import { checkPayload } from './check-payload.js';

/** What a signed result must answer: the bill asked about and the nonce of the request that asked. */
export interface VerifyExpectation {
  /** The bill the client asked about. */
  billId: string;
  /** The nonce the answered request sent. */
  nonce: string;
}

const RESULT_TYP = 'coinslot-result+jws';
const HEADER_MEMBERS = new Set(['alg', 'kid', 'typ']);

function reject(reason: string, cause?: unknown): never {
  throw new CoinslotError('RESULT_REJECTED', `The pay server's signed result was rejected: ${reason}.`, { cause });
}

/**
 * Verify a signed result (protocol v1 §4) with WebCrypto and return its payload. Rejects with
 * `RESULT_REJECTED` unless every rule holds: three non-empty base64url parts; a header of exactly
 * `alg`/`kid`/`typ` with `alg` `ES256` or `EdDSA` (never `none`, never HMAC) and `typ` `coinslot-result+jws`;
 * a trusted key named by `kid` whose own `alg` matches; a valid signature over the bytes received; a payload with
 * `v: 1`, the header's `kid`, the expected `billId` and `nonce`, and a known state. `iat` is not compared with
 * the local clock: the nonce proves freshness.
 *
 * @param keys - pinned keys, or a {@link KeySource} that is refetched once when the `kid` is unknown.
 */
export async function verifySignedResult(
  jws: string,
  expect: VerifyExpectation,
  keys: KeyResolver,
): Promise<SignedResultPayload> {
  const parts = typeof jws === 'string' ? jws.split('.') : [];
  if (parts.length !== 3 || parts.some((part) => part === '')) reject('it is not a compact JWS of three parts');
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];

  const header = decodeJsonPart(headerPart);
  if (!isRecord(header)) reject('the header does not parse');
  const unknownMember = Object.keys(header).find((member) => !HEADER_MEMBERS.has(member));
  if (unknownMember !== undefined) reject(`the header has an unexpected member "${unknownMember}"`);
  if (!Object.hasOwn(ALGORITHMS, header.alg as string)) reject(`algorithm ${String(header.alg)} is not allowed`);
  if (header.typ !== RESULT_TYP) reject(`typ ${String(header.typ)} is not ${RESULT_TYP}`);
  if (typeof header.kid !== 'string' || header.kid === '') reject('the header has no kid');
  const alg = header.alg as ResultAlgorithm;
  const kid = header.kid as string;

  const key = await findTrustedKey(keys, kid);
  if (key === undefined) reject(`key ${kid} is not trusted`);
  if (key.alg !== alg) reject(`key ${kid} is for ${key.alg}, the header says ${alg}`);
  let cryptoKey: CryptoKey;
  try {
    cryptoKey = await importPublicKey(key);
  } catch (cause) {
    reject(`key ${kid} cannot be imported`, cause);
  }

  const signature = decodeBase64Url(signaturePart);
  if (signature === undefined || signature.length !== 64) reject('the signature is malformed');
  const signedBytes = new TextEncoder().encode(`${headerPart}.${payloadPart}`);
  const valid = await globalThis.crypto.subtle
    .verify(ALGORITHMS[alg].verifyParams, cryptoKey, signature, signedBytes)
    .catch(() => false);
  if (!valid) reject('the signature does not verify');

  const payload = decodeJsonPart(payloadPart);
  const problem = checkPayload(payload, { ...expect, kid });
  if (problem !== undefined) reject(problem);
  return payload as SignedResultPayload;
}
