import { billLockName, withLock } from '../locks/named-lock.js';
import type { PurchaseResult } from '../results/purchase-result.js';
import type { GrantDeps } from './grant-once.js';
import type { RevokeHook } from './revoke-hook.js';

/** What finishing a reversed bill uses: the journal, the emitter, a logger and the app's revoke hook. */
export interface ReversalDeps extends Pick<GrantDeps, 'journal' | 'emitter' | 'logger'> {
  /** The app's revoke hook; never set with `fulfilment: 'server'` (the game backend revokes). */
  revoke: RevokeHook | undefined;
}

/**
 * Finish a bill a verified result says was refunded or charged back (`result`, status and `bill.state` alike): it is
 * never granted. Under the bill's lock, offer it to the app's `revoke` when this journal granted it and has not
 * revoked it yet, then record the reversal (and the revocation) in the journal; then emit `bill-refunded` or
 * `bill-charged-back`. A revoke that throws is logged and leaves `revokedAt` unset, so the next recovery that lists
 * the bill offers it again.
 */
export async function settleReversal(
  deps: ReversalDeps,
  result: PurchaseResult,
  signal: AbortSignal,
): Promise<PurchaseResult> {
  const { bill } = result;
  const state = bill.state as 'refunded' | 'charged_back';
  const revoked = await withLock(billLockName(bill.id), signal, async () => {
    const before = await deps.journal.read(bill.id).catch(() => undefined);
    let done = false;
    let applied = false;
    if (deps.revoke && before?.grantedAt !== undefined && before.revokedAt === undefined) {
      try {
        applied = (await deps.revoke({ billId: bill.id, bill })) !== false;
        done = true;
      } catch (error) {
        deps.logger.error(`The revoke of bill ${bill.id} threw; recovery offers it again.`, { error });
      }
    }
    await deps.journal.note(bill, { state, revoked: done });
    return applied;
  });
  deps.emitter.emit(state === 'refunded' ? 'bill-refunded' : 'bill-charged-back', { bill, revoked });
  return result;
}
