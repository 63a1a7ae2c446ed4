import type { Bill } from '@coinslot/protocol';
import { finishBill, type FinishDeps } from '../deliver/finish-bill.js';
import type { PurchaseResult } from '../results/purchase-result.js';

/**
 * Re-check a bill the journal holds as closed or done whose signed state may have moved on: one the journal holds as
 * `cancelled` or `expired`, which the pay server moves to `paid` when a verified payment arrives late (protocol §1),
 * and one the player's refunded or charged-back bills list. One signed read (`wait=0`, a fresh nonce) says where it
 * is; a paid (or delivered) bill then finishes as any paid result does — under its lock, granted at most once, then
 * delivered — and a reversed one as any reversal (its event; the revoke of a bill this journal granted).
 * Answers `undefined` when the bill is still `cancelled` or `expired`: nothing happened, nothing to report.
 */
export async function recheckBill(
  deps: FinishDeps,
  known: Bill,
  signal: AbortSignal,
): Promise<PurchaseResult | undefined> {
  const payload = await deps.read(known.id, 0, signal);
  if (payload.state === 'cancelled' || payload.state === 'expired') return undefined;
  return finishBill(deps, known, { settled: true, payload }, signal);
}
