import type { Bill } from '@coinslot/protocol';
import type { PayServerClient } from '../client/pay-server-client.js';
import { finishBill, noteUnfinished, type FinishDeps } from '../deliver/finish-bill.js';
import { throwIfAborted } from '../internal/abort.js';
import type { Operations } from '../internal/operations.js';
import { assertBillId } from '../internal/rules.js';
import type { PurchaseResult } from '../results/purchase-result.js';
import { holdWait } from '../wait/held-wait.js';

/** Options of {@link Coinslot.resume}. */
export interface ResumeOptions {
  /** Stops the wait; the promise rejects with `ABORTED`. */
  signal?: AbortSignal;
  /** How long to wait for the result, in ms. @default the `defaultDeadlineMs` option */
  deadlineMs?: number;
}

/** What resuming a bill uses: the wait's and the delivery's collaborators, and the instance's running bills. */
export interface ResumeContext extends FinishDeps {
  client: Pick<PayServerClient, 'getBill' | 'deliver'>;
  defaultDeadlineMs: number;
  /** Bills a purchase or resume of this instance is working on right now; recovery leaves them alone. */
  activeBills: Set<string>;
  operations: Operations;
}

/**
 * `resume()`: read the bill (unsigned, only to fill the fields the signed result does not carry), record it in the
 * journal, then hold the wait again until its deadline. The outcome, its event, the grant and the delivery are
 * the same as a purchase's; a wait that ends without a result leaves the bill `pending` with the reason.
 */
export async function resumeBill(
  ctx: ResumeContext,
  billId: string,
  options: ResumeOptions = {},
): Promise<PurchaseResult> {
  assertBillId(billId);
  const deadline = Date.now() + (options.deadlineMs ?? ctx.defaultDeadlineMs);
  const operation = ctx.operations.start(options.signal);
  let bill: Bill | undefined;
  ctx.activeBills.add(billId);
  try {
    throwIfAborted(operation.signal);
    bill = await ctx.client.getBill(billId, operation.signal);
    await ctx.journal.note(bill, { state: 'waiting' });
    const outcome = await holdWait(ctx, billId, deadline, operation.signal);
    return await finishBill(ctx, bill, outcome, operation.signal, deadline);
  } catch (error) {
    await noteUnfinished(ctx.journal, billId, bill, error);
    throw error;
  } finally {
    ctx.activeBills.delete(billId);
    operation.release();
  }
}
