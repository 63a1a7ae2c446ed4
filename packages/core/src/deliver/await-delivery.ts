import type { PurchaseResult } from '../results/purchase-result.js';
import { holdWait, type WaitDeps } from '../wait/held-wait.js';
import { mergeSigned } from '../wait/read-signed-result.js';
import { notGranted } from './grant-once.js';
import { settleReversal, type ReversalDeps } from './settle-reversal.js';

/** What following the game backend's delivery uses: the held wait's and a reversal's collaborators. */
export interface DeliveryWaitDeps extends WaitDeps, ReversalDeps {}

/**
 * Server fulfilment: the game backend grants a paid bill (on its `bill.paid` event) and marks it delivered with its
 * server key; core never grants and never delivers. Record the bill as paid, then keep reading its signed state
 * until the deadline for the backend's delivery (`delivered`: emit `bill-delivered` when the journal had not
 * recorded it, and answer `delivered`) or a reversal. At the deadline the result stays `paid` with
 * `pendingReason: 'awaiting-delivery'` and the journal's `paid` record is resumed later (so does `finishBill` when
 * the state cannot be read now).
 */
export async function awaitDelivery(
  deps: DeliveryWaitDeps,
  paid: PurchaseResult,
  deadline: number,
  signal: AbortSignal,
): Promise<PurchaseResult> {
  let { bill } = paid;
  if (bill.state === 'paid') {
    await deps.journal.note(bill, { state: 'paid' });
    const outcome = await holdWait(deps, bill.id, deadline, signal, true);
    if (!outcome.settled) return { ...paid, pendingReason: 'awaiting-delivery' };
    bill = mergeSigned(bill, outcome.payload);
    if (bill.state !== 'delivered')
      return settleReversal(deps, { status: bill.state as 'refunded' | 'charged_back', bill, ...notGranted }, signal);
  }
  const before = await deps.journal.read(bill.id).catch(() => undefined);
  await deps.journal.note(bill, { state: 'delivered' });
  if (before?.state !== 'delivered') deps.emitter.emit('bill-delivered', { bill, alreadyDelivered: false });
  return { status: 'delivered', bill, granted: true, grantedHere: false, delivered: true };
}
