import { isServerCode } from '../client/to-coinslot-error.js';
import { CoinslotError } from '../errors/coinslot-error.js';
import { completePaid } from '../grant/complete-paid.js';
import { abortError } from '../internal/abort.js';
import type { JournalChange } from '../journal/bill-journal.js';
import { pendingReasonOf } from '../journal/journal-record.js';
import type { Bill } from '../protocol/bill.js';
import type { CoinslotRuntime } from '../runtime.js';
import type { WaitOutcome } from './held-wait.js';
import type { PurchaseResult } from './purchase-types.js';
import { settleResult } from './settle-result.js';

// A result's status is its journal state, but for `declined`, which the journal (like the server) calls `failed`.
const changeOf = ({ status, pendingReason }: PurchaseResult): JournalChange => ({
  state: status === 'declined' ? 'failed' : status,
  pendingReason,
});

/**
 * Turn a wait's outcome into the result of `purchase()` or `resume()`: emit its event, record it in the journal,
 * and for a paid bill grant and deliver when the app set `grant`. Granting that fails does not fail the
 * purchase — the payment went through; the result says `granted: false` and recovery tries again.
 */
export async function finishBill(rt: CoinslotRuntime, base: Bill, outcome: WaitOutcome, signal: AbortSignal): Promise<PurchaseResult> {
  const result = settleResult(rt, base, outcome);
  if (result.status !== 'paid') {
    await rt.journal.note(result.bill, changeOf(result));
    return result;
  }
  try {
    return { ...result, ...(await completePaid(rt, result.bill, signal)) };
  } catch (error) {
    if (signal.aborted) throw abortError(signal);
    rt.logger.error(`Bill ${result.bill.id} is paid but could not be granted now; recovery will offer it again.`, { error });
    rt.emitter.emit('grant-failed', { bill: result.bill, error });
    return result;
  }
}

/**
 * Record why a purchase or resume ended without a result: a bill the server does not know is `failed` for good;
 * anything else leaves it `pending` with the reason, for `resume()` or recovery.
 */
export async function noteUnfinished(rt: CoinslotRuntime, billId: string, bill: Bill | undefined, error: unknown): Promise<void> {
  if (CoinslotError.isInstance(error) && error.code === 'JOURNAL_FAILED') return;
  const known = bill ?? (await rt.journal.read(billId).catch(() => undefined))?.bill;
  if (known === undefined) return;
  if (isServerCode(error, 'BILL_NOT_FOUND')) await rt.journal.note({ ...known, failureReason: 'bill-not-found' }, { state: 'failed' });
  else await rt.journal.note(known, { state: 'pending', pendingReason: pendingReasonOf(error) });
}
