import type { Bill } from '@coinslot/protocol';
import type { DeliverResult, ResumeOptions } from '../coinslot.js';
import { recordDelivery } from '../grant/complete-paid.js';
import { abortError, operationSignal } from '../internal/abort.js';
import type { CoinslotRuntime } from '../runtime.js';
import { finishBill, noteUnfinished } from './finish-bill.js';
import { holdWait } from './held-wait.js';
import type { PurchaseResult } from './purchase-types.js';
import { assertBillId } from './validate-request.js';

/**
 * `resume()`: read the bill (unsigned, only to fill the fields the signed result does not carry), record it in the
 * journal, then hold the wait again until its deadline. The outcome, its event, the grant and the delivery are
 * the same as a purchase's; a wait that ends without a result leaves the bill `pending` with the reason.
 */
export async function resumeBill(rt: CoinslotRuntime, billId: string, options: ResumeOptions = {}): Promise<PurchaseResult> {
  assertBillId(billId);
  const deadlineMs = options.deadlineMs ?? rt.defaultDeadlineMs;
  const operation = operationSignal(options.signal, rt.disposeSignal);
  let bill: Bill | undefined;
  rt.activeBills.add(billId);
  try {
    if (operation.signal.aborted) throw abortError(operation.signal);
    bill = await rt.client.getBill(billId, operation.signal);
    await rt.journal.note(bill, { state: 'waiting' });
    const outcome = await holdWait(rt, billId, Date.now() + deadlineMs, operation.signal);
    return await finishBill(rt, bill, outcome, operation.signal);
  } catch (error) {
    await noteUnfinished(rt, billId, bill, error);
    throw error;
  } finally {
    rt.activeBills.delete(billId);
    operation.release();
  }
}

/** `deliver()`: record that the game granted the item; repeating it is harmless. */
export async function deliverBill(rt: CoinslotRuntime, billId: string, signal?: AbortSignal): Promise<DeliverResult> {
  assertBillId(billId);
  const operation = operationSignal(signal, rt.disposeSignal);
  try {
    if (operation.signal.aborted) throw abortError(operation.signal);
    return await recordDelivery(rt, billId, operation.signal);
  } finally {
    operation.release();
  }
}
