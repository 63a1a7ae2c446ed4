import {
  checkSignedResult,
  type KeyResolver,
  type ResultExpectation,
  type ResultVerifier,
  type SignedResultPayload,
} from '@coinslot/protocol';
import { CoinslotError } from '../errors/coinslot-error.js';

/** What a signed result must answer: the bill asked about and the nonce of the request that asked. */
export type VerifyExpectation = ResultExpectation;

/**
 * Verify a signed result (protocol v1 §4, the rules of `checkSignedResult` in `@coinslot/protocol`) and return its
 * payload. Rejects with `RESULT_REJECTED` naming the broken rule.
 *
 * @param keys - pinned keys, or a {@link KeySource} that is refetched once when the `kid` is unknown.
 * @param verify - what checks the signature (`nodeResultVerifier()` from `@coinslot/core/node-verifier` on Node). @default WebCrypto
 */
export async function verifySignedResult(
  jws: string,
  expect: VerifyExpectation,
  keys: KeyResolver,
  verify?: ResultVerifier,
): Promise<SignedResultPayload> {
  const check = await checkSignedResult(jws, expect, keys, verify);
  if (check.ok) return check.payload;
  throw new CoinslotError('RESULT_REJECTED', `The pay server's signed result was rejected: ${check.reason}.`, {
    cause: check.cause,
  });
}
