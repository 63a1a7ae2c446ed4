import { CoinslotError } from '../errors/coinslot-error.js';
import { operationSignal, throwIfAborted } from '../internal/abort.js';
import { brokenRule, type Rule } from '../internal/rules.js';
import { resumeBill } from '../purchase/resume-bill.js';
import { DEADLINE_RULE } from '../purchase/validate-request.js';
import type { CoinslotRuntime } from '../runtime.js';
import { recheckLatePayment } from './recheck-late-payment.js';
import { recoveryCandidates, type Candidate } from './recovery-candidates.js';
import { reportedError } from './reported-error.js';
import type { RecoverOptions, RecoveredBill, RecoveryReport } from './recovery-types.js';
import { USER_ID_RULE, userIdsOf } from './recovery-types.js';

const RULES: readonly Rule[] = [USER_ID_RULE, DEADLINE_RULE];

/** Held waits at once: a browser allows about six connections per server, and purchases need some. */
const CONCURRENCY = 3;

/** Map `items` through `work` with at most `limit` running at once; answers in the items' order. */
async function mapLimited<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

// Two recoveries of one instance (ready()'s and the app's) share the work on a bill instead of doing it twice.
const inFlight = new WeakMap<CoinslotRuntime, Map<string, Promise<RecoveredBill | undefined>>>();

/** Recover one bill: resume it, or re-check a closed one (`undefined` when it is still closed: nothing to report). */
async function recoverOne(rt: CoinslotRuntime, candidate: Candidate, deadlineMs: number | undefined, signal: AbortSignal): Promise<RecoveredBill | undefined> {
  const { billId, source, recheck } = candidate;
  try {
    const result = recheck
      ? await recheckLatePayment(rt, recheck, signal)
      : await resumeBill(rt, billId, { signal, ...(deadlineMs === undefined ? {} : { deadlineMs }) });
    if (result === undefined) return undefined;
    if (rt.grant === undefined && result.status === 'paid' && !result.delivered) {
      rt.emitter.emit('bill-recovered', { bill: result.bill, billId });
    }
    return { billId, source, result };
  } catch (cause) {
    const error = reportedError(cause, `Recovering bill ${billId} failed`);
    rt.logger.warn(`Recovering bill ${billId} failed; it stays in the journal.`, { error });
    return { billId, source, error };
  }
}

function shared(rt: CoinslotRuntime, candidate: Candidate, deadlineMs: number | undefined, signal: AbortSignal): Promise<RecoveredBill | undefined> {
  const running = inFlight.get(rt) ?? new Map<string, Promise<RecoveredBill | undefined>>();
  inFlight.set(rt, running);
  const existing = running.get(candidate.billId);
  if (existing) return existing;
  const work = recoverOne(rt, candidate, deadlineMs, signal).finally(() => running.delete(candidate.billId));
  running.set(candidate.billId, work);
  return work;
}

/**
 * Recovery: resume every bill the journal holds that is not final, and every paid bill the server lists for the
 * players, through the same path as `resume()`; re-check the journal's recently `cancelled` or `expired` bills
 * for a late payment. Each paid one is granted (at most once per journal) and delivered when the app set `grant`,
 * or announced with `bill-recovered` when it did not. Bills a purchase or resume of this instance is working on
 * are left to it. Emits `recovery-finished` with the report it resolves with.
 */
export async function recoverBills(rt: CoinslotRuntime, options: RecoverOptions = {}): Promise<RecoveryReport> {
  const problem = brokenRule(options as Record<string, unknown>, RULES);
  if (problem) throw new CoinslotError('INVALID_REQUEST', `Invalid recover options: ${problem}.`);
  const { deadlineMs } = options;
  const userIds = userIdsOf(options.userId)!;
  const operation = operationSignal(options.signal, rt.disposeSignal);
  try {
    throwIfAborted(operation.signal);
    const errors: unknown[] = [];
    const candidates = await recoveryCandidates(rt, userIds, operation.signal, errors);
    const mine = candidates.filter((c) => inFlight.get(rt)?.has(c.billId) === true || !rt.activeBills.has(c.billId));
    const bills = await mapLimited(mine, CONCURRENCY, (candidate) => shared(rt, candidate, deadlineMs, operation.signal));
    const report: RecoveryReport = { bills: bills.filter((bill) => bill !== undefined), errors };
    rt.emitter.emit('recovery-finished', report);
    return report;
  } finally {
    operation.release();
  }
}
