import type { Bill } from '@coinslot/protocol';
import type { ActivityRecorder } from '../activity/activity-recorder.js';
import { appPathPrefix } from '../apps/app.js';
import type { AppRegistry } from '../apps/app-registry.js';
import type { ChannelDriver, DriverContext } from '../drivers/channel-driver.js';
import type { ResolvedOptions } from '../options.js';
import type { BillStore } from '../store/bill-store.js';
import { applyQueryAnswer, type QueryOutcome } from './apply-query-answer.js';
import { askChannel } from './ask-channel.js';
import type { BillService } from './bill-service.js';
import { CheckpointCursor, checkpointBase, queryCheckpoints, type QueryCheckpoint } from './query-checkpoints.js';

type QueryingDriver = ChannelDriver & Required<Pick<ChannelDriver, 'query'>>;

const BATCH = 200;
/** A sweep reads at most this many pages per checkpoint; the next sweep goes on from there. */
const MAX_PAGES = 25;

/** What the query sweeper needs. */
export interface QuerySweeperDeps {
  store: BillStore;
  bills: BillService;
  /** The apps, whose drivers are asked about their own bills. */
  apps: AppRegistry;
  options: ResolvedOptions;
  /** Where answers worth an operator's look (refused, not matching the bill, failed) are written. @default nowhere */
  activity?: ActivityRecorder;
}

/** The outcomes the activity log keeps: an applied change is written as its transition, pending answers not at all. */
const NOTED: ReadonlySet<QueryOutcome | 'error'> = new Set(['refused', 'mismatch', 'error']);

/** What one sweep did, by outcome (`error`: the driver threw, timed out or answered no status). */
export type QuerySweepCounts = Partial<Record<QueryOutcome | 'error', number>>;

/**
 * The query fallback (protocol §7, `PayServerOptions.query`): asks the drivers that have `query` about their bills
 * still unpaid — at each checkpoint after creation while `created`, once after expiry while `created`, `expired` or
 * `cancelled` — and applies each verdict like a notification's (apply-query-answer.ts), so a notification that
 * never arrives never loses a payment. Which bills are due comes from their age and a cursor per checkpoint kept in
 * memory (query-checkpoints.ts): nothing is written per bill, and each instance asks about a bill once per
 * checkpoint — several instances each ask, which is harmless (queries read, verdicts apply once). At most
 * `query.concurrency` queries run at once, each cut at `query.timeoutMs`; a failure is logged and the bill is asked
 * again at its next checkpoint. Times come from the server's clock (`now`), the sweep's period is real time; its
 * timer is unref'd and sweeps never overlap. The drivers' `publicUrl` is the `publicUrl` option, or `''` without
 * one (no request to take an origin from).
 */
export class QuerySweeper {
  readonly #cursors: CheckpointCursor[];
  readonly #stopped = new AbortController();
  readonly #ctx: DriverContext;
  #timer: ReturnType<typeof setInterval> | undefined;
  #running: Promise<QuerySweepCounts> | undefined;
  #warnedNoStore = false;

  constructor(private readonly deps: QuerySweeperDeps) {
    const { now, logger, publicUrl, query } = deps.options;
    const startedAt = now();
    this.#cursors = queryCheckpoints(query).map((point) => new CheckpointCursor(point, startedAt, query.intervalMs));
    this.#ctx = { publicUrl: publicUrl ?? '', now, logger };
  }

  /** Whether there is anything to ask: a checkpoint and a driver with `query`. */
  get active(): boolean {
    return (
      this.#cursors.length > 0 && this.deps.apps.all().some((app) => [...app.drivers.values()].some((d) => d.query))
    );
  }

  /** Starts the periodic sweep when {@link active}. */
  start(): void {
    if (!this.active || this.#stopped.signal.aborted) return;
    this.#timer ??= setInterval(() => void this.sweep(), this.deps.options.query.intervalMs);
    this.#timer.unref?.();
  }

  /** One sweep now; answers when it (or the one already running) is done, with what it did. */
  sweep(): Promise<QuerySweepCounts> {
    this.#running ??= this.#sweepOnce().finally(() => (this.#running = undefined));
    return this.#running;
  }

  /** Stops the timer, cuts the queries in flight (their answers are dropped) and waits for the sweep to end. */
  async stop(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    this.#stopped.abort();
    await this.#running;
  }

  async #sweepOnce(): Promise<QuerySweepCounts> {
    const counts: QuerySweepCounts = {};
    const { store, options } = this.deps;
    if (!this.active || this.#stopped.signal.aborted) return counts;
    if (!store.listBillsToQuery) {
      if (!this.#warnedNoStore)
        options.logger.warn(
          'the bill store has no listBillsToQuery: channels are never queried for lost notifications',
        );
      this.#warnedNoStore = true;
      return counts;
    }
    const asked = new Set<string>();
    for (const cursor of this.#cursors) {
      try {
        await this.#walk(cursor, store.listBillsToQuery.bind(store), asked, counts);
      } catch (error) {
        options.logger.error('query sweep failed', { checkpoint: cursor.checkpoint.name, error: String(error) });
      }
    }
    return counts;
  }

  async #walk(
    cursor: CheckpointCursor,
    list: NonNullable<BillStore['listBillsToQuery']>,
    asked: Set<string>,
    counts: QuerySweepCounts,
  ): Promise<void> {
    for (let pages = 0; pages < MAX_PAGES && !this.#stopped.signal.aborted; pages += 1) {
      const now = this.deps.options.now();
      const page = cursor.page(now, BATCH);
      const bills = await list(page);
      const due = bills.filter((bill) => this.#isDue(bill, cursor.checkpoint, now) && !asked.has(bill.id));
      for (const bill of due) asked.add(bill.id);
      await this.#askAll(due, counts);
      if (this.#stopped.signal.aborted) return;
      cursor.advance(page, bills);
      if (bills.length < page.limit) return;
    }
  }

  /** The driver of the bill's channel in the bill's app (each game queries with its own credentials). */
  #driverOf(bill: Bill): ChannelDriver | undefined {
    return this.deps.apps.get(bill.appId)?.drivers.get(bill.channel);
  }

  /**
   * A bill whose channel can be asked. An `open` checkpoint at or past expiry is the check after expiry's; so is one
   * reached late, at or past expiry (the clock jumped, or the sweep ran late), when there is a check after expiry: a
   * driver asked after the bill's expiry may close the payment at the provider (Stripe expires the session), which
   * must wait for that check, the player's grace after expiry (`query.afterExpiryMs`).
   */
  #isDue(bill: Bill, checkpoint: QueryCheckpoint, now: number): boolean {
    if (!this.#driverOf(bill)?.query) return false;
    if (checkpoint.kind !== 'open') return true;
    if (checkpointBase('open', bill) + checkpoint.offsetMs >= bill.expiresAt) return false;
    return now < bill.expiresAt || this.deps.options.query.afterExpiryMs === false;
  }

  /** Asks about every bill, `query.concurrency` at a time. */
  async #askAll(bills: Bill[], counts: QuerySweepCounts): Promise<void> {
    let next = 0;
    const worker = async () => {
      while (next < bills.length && !this.#stopped.signal.aborted) {
        const outcome = await this.#ask(bills[next++]!);
        counts[outcome] = (counts[outcome] ?? 0) + 1;
      }
    };
    const workers = Math.min(this.deps.options.query.concurrency, bills.length);
    await Promise.all(Array.from({ length: workers }, worker));
  }

  async #ask(bill: Bill): Promise<QueryOutcome | 'error'> {
    const outcome = await this.#askOnce(bill);
    if (NOTED.has(outcome) && !this.#stopped.signal.aborted) {
      this.deps.activity?.record({
        appId: bill.appId,
        kind: 'query',
        outcome,
        actor: 'query-fallback',
        billId: bill.id,
        channel: bill.channel,
      });
    }
    return outcome;
  }

  async #askOnce(bill: Bill): Promise<QueryOutcome | 'error'> {
    const { bills, options } = this.deps;
    const driver = this.#driverOf(bill) as QueryingDriver;
    const ctx = { ...this.#ctx, publicUrl: this.#ctx.publicUrl + appPathPrefix(bill.appId) };
    const answer = await askChannel(driver, bill, ctx, options.query.timeoutMs, this.#stopped.signal);
    if ('error' in answer) {
      if (!this.#stopped.signal.aborted)
        options.logger.warn('channel query failed', { channel: bill.channel, billId: bill.id, error: answer.error });
      return 'error';
    }
    try {
      return await applyQueryAnswer(bills, driver.id, bill, answer.status, options.logger);
    } catch (error) {
      options.logger.error('channel query answer could not be applied', { billId: bill.id, error: String(error) });
      return 'error';
    }
  }
}
