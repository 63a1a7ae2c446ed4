import type { Bill, KeyResolver, SignedResultPayload } from '@coinslot/protocol';
import type { PayServerClient } from '../client/pay-server-client.js';
import { randomNonce } from '../internal/random.js';
import { verifySignedResult } from '../verify/verify-signed-result.js';

/**
 * One verified read of a bill's signed result, holding at most `wait` seconds (`0` reads the state now). The wait
 * loop, the grant's last check and the late-payment re-check all read through it.
 */
export type SignedRead = (billId: string, wait: number, signal: AbortSignal) => Promise<SignedResultPayload>;

/**
 * The verified read on this pay server with these trusted keys: a fresh nonce per request, so the answer is this
 * request's and cannot be a replay; a result that fails verification rejects with `RESULT_REJECTED`.
 */
export function signedReader(client: Pick<PayServerClient, 'waitResult'>, keys: KeyResolver): SignedRead {
  return async (billId, wait, signal) => {
    const nonce = randomNonce();
    const answer = await client.waitResult(billId, wait, nonce, signal);
    return verifySignedResult(answer.result, { billId, nonce }, keys);
  };
}

/** The bill with every signed field taken from the verified payload; unsigned data never decides anything. */
export function mergeSigned(bill: Bill, payload: SignedResultPayload | undefined): Bill {
  if (payload === undefined) return { ...bill };
  const merged: Bill = {
    ...bill,
    id: payload.billId,
    userId: payload.userId,
    itemId: payload.itemId,
    quantity: payload.quantity,
    amount: payload.amount,
    currency: payload.currency,
    channel: payload.channel,
    state: payload.state,
  };
  delete merged.failureReason;
  delete merged.passThrough;
  if (typeof payload.failureReason === 'string') merged.failureReason = payload.failureReason;
  if (typeof payload.passThrough === 'string') merged.passThrough = payload.passThrough;
  return merged;
}
