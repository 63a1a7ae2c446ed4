import { SIGNED_RESULT_HEADER_MEMBERS } from './result-members.js';
import { decodeBase64Url, decodeBase64UrlJson } from '../base64url.js';
import { isRecord } from '../is-record.js';
import type { SignedResultPayload } from '../wire-types.js';
import { checkPayload } from './check-payload.js';
import { RESULT_ALGORITHMS, type ResultAlgorithm } from './import-public-key.js';
import { findTrustedKey, type KeyResolver } from './key-resolver.js';
import { type ResultVerifier, webCryptoResultVerifier } from './result-verifier.js';

/** What a signed result must answer: the bill asked about and the nonce of the request that asked. */
export interface ResultExpectation {
  /** The bill the client asked about. */
  billId: string;
  /** The nonce the answered request sent. */
  nonce: string;
}

/** The outcome of {@link checkSignedResult}: the payload, or why the result is not to be trusted. */
export type SignedResultCheck =
  | { readonly ok: true; readonly payload: SignedResultPayload }
  | { readonly ok: false; readonly reason: string; readonly cause?: unknown };

/** The `typ` of every signed result's protected header. */
export const RESULT_TYP = 'coinslot-result+jws';

const rejected = (reason: string, cause?: unknown): SignedResultCheck => ({ ok: false, reason, cause });

/**
 * Check a signed result (protocol v1 §4), by default with WebCrypto. It is accepted only when every rule holds: three non-empty
 * base64url parts; a header of exactly `alg`/`kid`/`typ` with `alg` `ES256` or `EdDSA` (never `none`, never HMAC) and
 * `typ` `coinslot-result+jws`; a trusted key named by `kid` whose own `alg` matches; a valid signature over the bytes
 * received; a payload with `v: 1`, the header's `kid`, the expected `billId` and `nonce`, and a known state. `iat` is
 * not compared with the local clock: the nonce proves freshness. Never throws for a bad result; a failing key source
 * rejects.
 *
 * @param keys - pinned keys, or a {@link KeySource} that is refetched once when the `kid` is unknown.
 * @param verify - what checks the signature itself; every other rule stays here. @default WebCrypto
 */
export async function checkSignedResult(
  jws: string,
  expect: ResultExpectation,
  keys: KeyResolver,
  verify: ResultVerifier = webCryptoResultVerifier,
): Promise<SignedResultCheck> {
  const parts = typeof jws === 'string' ? jws.split('.') : [];
  if (parts.length !== 3 || parts.some((part) => part === ''))
    return rejected('it is not a compact JWS of three parts');
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];

  const header = decodeBase64UrlJson(headerPart);
  if (!isRecord(header)) return rejected('the header does not parse');
  const unknownMember = Object.keys(header).find(
    (member) => !(SIGNED_RESULT_HEADER_MEMBERS as readonly string[]).includes(member),
  );
  if (unknownMember !== undefined) return rejected(`the header has an unexpected member "${unknownMember}"`);
  if (!Object.hasOwn(RESULT_ALGORITHMS, header.alg as string))
    return rejected(`algorithm ${String(header.alg)} is not allowed`);
  if (header.typ !== RESULT_TYP) return rejected(`typ ${String(header.typ)} is not ${RESULT_TYP}`);
  if (typeof header.kid !== 'string' || header.kid === '') return rejected('the header has no kid');
  const alg = header.alg as ResultAlgorithm;
  const kid = header.kid;

  const key = await findTrustedKey(keys, kid);
  if (key === undefined) return rejected(`key ${kid} is not trusted`);
  if (key.alg !== alg) return rejected(`key ${kid} is for ${key.alg}, the header says ${alg}`);
  const signature = decodeBase64Url(signaturePart);
  if (signature === undefined || signature.length !== 64) return rejected('the signature is malformed');
  const signedBytes = new TextEncoder().encode(`${headerPart}.${payloadPart}`);
  let valid: boolean;
  try {
    valid = await verify(key, signature, signedBytes);
  } catch (cause) {
    return rejected(`key ${kid} cannot be imported`, cause);
  }
  if (!valid) return rejected('the signature does not verify');

  const payload = decodeBase64UrlJson(payloadPart);
  const problem = checkPayload(payload, { ...expect, kid });
  return problem === undefined ? { ok: true, payload: payload as SignedResultPayload } : rejected(problem);
}
