import type { Bill, BillState } from '@coinslot/protocol';
import { isServerCode } from '../client/to-coinslot-error.js';
import { CoinslotError } from '../errors/coinslot-error.js';
import { abortError } from '../internal/abort.js';
import type { BillJournal, JournalChange } from '../journal/bill-journal.js';
import { pendingReasonOf } from '../journal/journal-record.js';
import type { PurchaseResult } from '../results/purchase-result.js';
import type { WaitOutcome } from '../wait/held-wait.js';
import { awaitDelivery, type DeliveryWaitDeps } from './await-delivery.js';
import { completePaid, type GrantDeps } from './grant-once.js';
import { settleResult } from './settle-result.js';
import { settleReversal } from './settle-reversal.js';

/** What finishing a bill uses: the grant's, the delivery wait's and a reversal's collaborators, and who grants. */
export interface FinishDeps extends GrantDeps, DeliveryWaitDeps {
  /**
   * Who grants a paid bill: `client`, the app (its `grant` hook, or itself and `deliver()`), or `server`, the game
   * backend — core then only follows the delivery.
   */
  fulfilment: 'client' | 'server';
}

// A result's status is its journal state, but for `declined`, which the journal (like the server) calls `failed`.
const changeOf = ({ status, pendingReason }: PurchaseResult): JournalChange => ({
  state: status === 'declined' ? 'failed' : status,
  pendingReason,
});

/**
 * Refuse a signed `paid` (or `delivered`) for a bill the journal holds as `failed`. A declined bill was not paid
 * and `failed` is final (protocol §1): the server contradicts what it said before (a signed `failed`, or `404` for a
 * bill it did not know), and core cannot tell which is true — so it grants nothing and says so, rather than grant
 * what may never have been paid. The bill stays `paid` on the server (and in its `state=paid` listing) for the
 * studio to resolve there.
 */
async function refuseContradiction(journal: BillJournal, billId: string, state: BillState): Promise<void> {
  if (state !== 'paid' && state !== 'delivered') return;
  if ((await journal.read(billId).catch(() => undefined))?.state !== 'failed') return;
  throw new CoinslotError(
    'RESULT_REJECTED',
    `The signed result says bill ${billId} is ${state}, but the journal holds it as failed, a final state: not granted.`,
  );
}

/**
 * Turn a wait's outcome into the result of `purchase()` or `resume()`: emit its event, record it in the journal,
 * and for a paid bill grant and deliver when the app set `grant` — or, with server fulfilment, wait until `deadline`
 * for the game backend's delivery. Granting (or reading the delivery) that fails does not fail the purchase — the
 * payment went through; the result says `granted: false` (or `awaiting-delivery`) and recovery tries again. A
 * reversed bill is never granted (`settle-reversal.ts`).
 */
export async function finishBill(
  deps: FinishDeps,
  base: Bill,
  outcome: WaitOutcome,
  signal: AbortSignal,
  deadline = 0,
): Promise<PurchaseResult> {
  if (outcome.settled) await refuseContradiction(deps.journal, base.id, outcome.payload.state);
  const result = settleResult(deps.emitter, base, outcome);
  if (result.status === 'refunded' || result.status === 'charged_back') return settleReversal(deps, result, signal);
  if (result.status !== 'paid') {
    await deps.journal.note(result.bill, changeOf(result));
    return result;
  }
  const server = deps.fulfilment === 'server';
  try {
    if (server) return await awaitDelivery(deps, result, deadline, signal);
    return { ...result, ...(await completePaid(deps, result.bill, signal)) };
  } catch (error) {
    if (signal.aborted) throw abortError(signal);
    deps.logger.error(`Bill ${result.bill.id} is paid but could not be finished now; recovery tries again.`, { error });
    if (server) return { ...result, pendingReason: 'awaiting-delivery' };
    deps.emitter.emit('grant-failed', { bill: result.bill, error });
    return result;
  }
}

/**
 * Record why a purchase or resume ended without a result: a bill the server does not know is `failed` for good;
 * anything else leaves it `pending` with the reason, for `resume()` or recovery.
 */
export async function noteUnfinished(
  journal: BillJournal,
  billId: string,
  bill: Bill | undefined,
  error: unknown,
): Promise<void> {
  if (CoinslotError.isInstance(error) && error.code === 'JOURNAL_FAILED') return;
  const known = bill ?? (await journal.read(billId).catch(() => undefined))?.bill;
  if (known === undefined) return;
  if (isServerCode(error, 'BILL_NOT_FOUND'))
    await journal.note({ ...known, failureReason: 'bill-not-found' }, { state: 'failed' });
  else await journal.note(known, { state: 'pending', pendingReason: pendingReasonOf(error) });
}
