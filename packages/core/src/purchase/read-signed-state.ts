import { randomNonce } from '../internal/random.js';
import type { SignedResultPayload } from '../protocol/bill.js';
import type { CoinslotRuntime } from '../runtime.js';
import { verifySignedResult } from '../verify/verify-signed-result.js';

/**
 * The bill's current state, signed and verified: one wait with `wait=0` and a fresh nonce, so the answer is
 * now and cannot be a replay. Used before granting, where only a verified state may decide.
 */
export async function readSignedState(rt: CoinslotRuntime, billId: string, signal: AbortSignal): Promise<SignedResultPayload> {
  const nonce = randomNonce();
  const answer = await rt.client.waitResult(billId, 0, nonce, signal);
  return verifySignedResult(answer.result, { billId, nonce }, rt.keys);
}
