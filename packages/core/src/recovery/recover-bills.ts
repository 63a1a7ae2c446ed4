import type { Bill } from '@coinslot/protocol';
import type { GrantHook } from '../deliver/grant-hook.js';
import { CoinslotError } from '../errors/coinslot-error.js';
import type { CoinslotEmitter } from '../events/coinslot-emitter.js';
import { throwIfAborted } from '../internal/abort.js';
import type { Operations } from '../internal/operations.js';
import { brokenRule, DEADLINE_RULE, type Rule } from '../internal/rules.js';
import type { PurchaseResult } from '../results/purchase-result.js';
import type { RecoveredBill, RecoveryReport } from '../results/recovery-report.js';
import { USER_ID_RULE, userIdsOf, type RecoverOptions } from './recover-options.js';
import { recoveryCandidates, type Candidate, type CandidateSources } from './recovery-candidates.js';
import type { ResumeOptions } from './resume-bill.js';

const RULES: readonly Rule[] = [USER_ID_RULE, DEADLINE_RULE];

/** Held waits at once: a browser allows about six connections per server, and purchases need some. */
const CONCURRENCY = 3;

/** What recovery uses: where bills are found, how each is finished, and the instance's running work. */
export interface RecoveryContext extends CandidateSources {
  emitter: CoinslotEmitter;
  /** The app's grant hook; without it (and with client fulfilment) a paid bill is announced with `bill-recovered`. */
  grant: GrantHook | undefined;
  /** Who grants: with `server`, a paid bill waits for the game backend's delivery and is never announced to grant. */
  fulfilment: 'client' | 'server';
  /** Bills a purchase or resume of this instance is working on right now; recovery leaves them alone. */
  activeBills: ReadonlySet<string>;
  operations: Operations;
  /** Resume one bill, as `resume()` does. */
  resume(billId: string, options: ResumeOptions): Promise<PurchaseResult>;
  /** Re-check a closed or reversed bill with one signed read (`undefined`: still closed). */
  recheck(known: Bill, signal: AbortSignal): Promise<PurchaseResult | undefined>;
}

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

/**
 * Recover one bill: resume it, or re-check a closed one (`undefined` when it is still closed: nothing to report).
 * A failure is reported as it was thrown: a Coinslot error for anything the pay server or core raised (the client
 * already mapped a failed fetch to `NETWORK_ERROR`), anything else — a bug, a storage's own error — unrelabelled.
 */
async function recoverOne(
  ctx: RecoveryContext,
  candidate: Candidate,
  deadlineMs: number | undefined,
  signal: AbortSignal,
): Promise<RecoveredBill | undefined> {
  const { billId, source, recheck } = candidate;
  try {
    const result = recheck ? await ctx.recheck(recheck, signal) : await ctx.resume(billId, { signal, deadlineMs });
    if (result === undefined) return undefined;
    if (ctx.grant === undefined && ctx.fulfilment === 'client' && result.status === 'paid' && !result.delivered) {
      ctx.emitter.emit('bill-recovered', { bill: result.bill, billId });
    }
    return { billId, source, result };
  } catch (error) {
    ctx.logger.warn(`Recovering bill ${billId} failed; it stays in the journal.`, { error });
    return { billId, source, error };
  }
}

/**
 * `recover()` of one instance: resume every bill the journal holds that is not final, and every paid bill the server
 * lists for the players, through the same path as `resume()`; re-check the journal's recently `cancelled` or
 * `expired` bills for a late payment, and its bills the server lists as refunded or charged back. Each paid one is
 * granted (at most once per journal) and delivered when the app set `grant`, announced with `bill-recovered` when it
 * did not, or — with server fulfilment — waited for until the game backend delivers it; each reversed one is told
 * (and offered to `revoke` when this journal granted it). Bills a purchase or resume of this instance is working on
 * are left to it. Emits `recovery-finished` with the report it resolves with.
 */
export function createRecovery(ctx: RecoveryContext): (options?: RecoverOptions) => Promise<RecoveryReport> {
  // Two recoveries of this instance (ready()'s and the app's) share the work on a bill instead of doing it twice.
  const inFlight = new Map<string, Promise<RecoveredBill | undefined>>();
  const shared = (
    candidate: Candidate,
    deadlineMs: number | undefined,
    signal: AbortSignal,
  ): Promise<RecoveredBill | undefined> => {
    const existing = inFlight.get(candidate.billId);
    if (existing) return existing;
    const work = recoverOne(ctx, candidate, deadlineMs, signal).finally(() => inFlight.delete(candidate.billId));
    inFlight.set(candidate.billId, work);
    return work;
  };

  return async (options = {}) => {
    const problem = brokenRule(options as Record<string, unknown>, RULES);
    if (problem) throw new CoinslotError('INVALID_REQUEST', `Invalid recover options: ${problem}.`);
    const { deadlineMs } = options;
    const operation = ctx.operations.start(options.signal);
    try {
      throwIfAborted(operation.signal);
      const errors: unknown[] = [];
      const candidates = await recoveryCandidates(ctx, userIdsOf(options.userId)!, operation.signal, errors);
      const mine = candidates.filter((c) => inFlight.has(c.billId) || !ctx.activeBills.has(c.billId));
      const bills = await mapLimited(mine, CONCURRENCY, (candidate) => shared(candidate, deadlineMs, operation.signal));
      const report: RecoveryReport = { bills: bills.filter((bill) => bill !== undefined), errors };
      ctx.emitter.emit('recovery-finished', report);
      return report;
    } finally {
      operation.release();
    }
  };
}
