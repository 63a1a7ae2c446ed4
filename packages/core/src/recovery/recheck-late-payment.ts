import type { Bill } from '@coinslot/protocol';
import { finishBill } from '../purchase/finish-bill.js';
import { readSignedResult } from '../purchase/held-wait.js';
import type { PurchaseResult } from '../purchase/purchase-types.js';
import type { CoinslotRuntime } from '../runtime.js';

/**
 * Re-check a bill the journal holds as `cancelled` or `expired`: the pay server moves it to `paid` when a verified
 * payment arrives late (protocol §1). One signed read (`wait=0`, a fresh nonce) says whether it did; a paid (or
 * delivered) bill then finishes as any paid result does — under its lock, granted at most once, then delivered.
 * Answers `undefined` when the bill is still closed: nothing happened, nothing to report.
 */
export async function recheckLatePayment(rt: CoinslotRuntime, known: Bill, signal: AbortSignal): Promise<PurchaseResult | undefined> {
  const payload = await readSignedResult(rt, known.id, 0, signal);
  if (payload.state !== 'paid' && payload.state !== 'delivered') return undefined;
  return finishBill(rt, known, { settled: true, payload }, signal);
}
