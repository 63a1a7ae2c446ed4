import type { DeliverResult, ResumeOptions } from '../coinslot.js';
import { abortError, operationSignal } from '../internal/abort.js';
import type { CoinslotRuntime } from '../runtime.js';
import { holdWait } from './held-wait.js';
import type { PurchaseResult } from './purchase-types.js';
import { settleResult } from './settle-result.js';
import { validateBillId } from './validate-request.js';

/**
 * `resume()`: read the bill (unsigned, only to fill the fields the signed result does not carry), then hold the
 * wait again until its deadline. The outcome and its event are the same as a purchase's.
 */
export async function resumeBill(rt: CoinslotRuntime, billId: string, options: ResumeOptions = {}): Promise<PurchaseResult> {
  const invalid = validateBillId(billId);
  if (invalid) throw invalid;
  const deadlineMs = options.deadlineMs ?? rt.defaultDeadlineMs;
  const operation = operationSignal(options.signal, rt.disposeSignal);
  try {
    if (operation.signal.aborted) throw abortError(operation.signal);
    const bill = await rt.client.getBill(billId, operation.signal);
    const outcome = await holdWait(rt, billId, Date.now() + deadlineMs, operation.signal);
    return settleResult(rt, bill, outcome);
  } finally {
    operation.release();
  }
}

/** `deliver()`: record that the game granted the item; repeating it is harmless. */
export async function deliverBill(rt: CoinslotRuntime, billId: string, signal?: AbortSignal): Promise<DeliverResult> {
  const invalid = validateBillId(billId);
  if (invalid) throw invalid;
  const operation = operationSignal(signal, rt.disposeSignal);
  try {
    if (operation.signal.aborted) throw abortError(operation.signal);
    const result = await rt.client.deliver(billId, operation.signal);
    rt.emitter.emit('bill-delivered', result);
    return result;
  } finally {
    operation.release();
  }
}
