import type { Bill } from '@coinslot/protocol';
import { finishBill } from '../deliver/finish-bill.js';
import type { GrantDeps } from '../deliver/grant-once.js';
import type { PurchaseResult } from '../results/purchase-result.js';

/**
 * Re-check a bill the journal holds as `cancelled` or `expired`: the pay server moves it to `paid` when a verified
 * payment arrives late (protocol §1). One signed read (`wait=0`, a fresh nonce) says whether it did; a paid (or
 * delivered) bill then finishes as any paid result does — under its lock, granted at most once, then delivered.
 * Answers `undefined` when the bill is still closed: nothing happened, nothing to report.
 */
export async function recheckLatePayment(
  deps: GrantDeps,
  known: Bill,
  signal: AbortSignal,
): Promise<PurchaseResult | undefined> {
  const payload = await deps.read(known.id, 0, signal);
  if (payload.state !== 'paid' && payload.state !== 'delivered') return undefined;
  return finishBill(deps, known, { settled: true, payload }, signal);
}
