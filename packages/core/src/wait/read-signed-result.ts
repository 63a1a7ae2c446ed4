import {
  SIGNED_RESULT_MEMBERS,
  type Bill,
  type KeyResolver,
  type ResultVerifier,
  type SignedResultPayload,
} from '@coinslot/protocol';
import type { PayServerClient } from '../client/pay-server-client.js';
import { randomNonce } from '../internal/random.js';
import { verifySignedResult } from '../verify/verify-signed-result.js';

/**
 * One verified read of a bill's signed result, holding at most `wait` seconds (`0` reads the state now). The wait
 * loop, the grant's last check and the late-payment re-check all read through it.
 */
export interface SignedRead {
  (billId: string, wait: number, signal: AbortSignal, until?: 'delivered'): Promise<SignedResultPayload>;
  /**
   * The wait loop's read: a bill still `created` may come back unsigned (`pending=unsigned`, §3), as `undefined` —
   * "still pending", and nothing else, since nothing unsigned is trusted.
   */
  (
    billId: string,
    wait: number,
    signal: AbortSignal,
    until: 'delivered' | undefined,
    pending: 'unsigned',
  ): Promise<SignedResultPayload | undefined>;
}

/**
 * The verified read on this pay server with these trusted keys: a fresh nonce per request, so the answer is this
 * request's and cannot be a replay; a result that fails verification rejects with `RESULT_REJECTED`. `verify` checks
 * the signature (the `verifier` option; WebCrypto when absent).
 */
export function signedReader(
  client: Pick<PayServerClient, 'waitResult'>,
  keys: KeyResolver,
  verify?: ResultVerifier,
): SignedRead {
  return (async (billId: string, wait: number, signal: AbortSignal, until?: 'delivered', pending?: 'unsigned') => {
    const nonce = randomNonce();
    const answer = await client.waitResult(billId, wait, nonce, signal, until, pending);
    return 'result' in answer ? verifySignedResult(answer.result, { billId, nonce }, keys, verify) : undefined;
  }) as SignedRead;
}

// The payload's members that are the bill's own fields, `userId` … `refundedAmount` (§4 lists them between `billId`
// and `nonce`); the others describe the answer. wait/read-signed-result.test.ts holds the slice to that.
const SIGNED = SIGNED_RESULT_MEMBERS.slice(2, 12);

/** The bill with every signed field taken from the verified payload; unsigned data never decides anything. */
export function mergeSigned(bill: Bill, payload: SignedResultPayload | undefined): Bill {
  const merged: Record<string, unknown> = { ...bill };
  if (payload !== undefined) {
    merged.id = payload.billId;
    // A verified payload has each of these but `failureReason`, `passThrough` and `refundedAmount`, which it may leave
    // null or out: the bill then has none (a value the server left unsigned is dropped).
    for (const field of SIGNED) {
      if (payload[field] === null || payload[field] === undefined) delete merged[field];
      else merged[field] = payload[field];
    }
  }
  return merged as unknown as Bill;
}
