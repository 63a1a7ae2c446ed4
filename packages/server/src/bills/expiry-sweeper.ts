import type { ResolvedOptions } from '../options.js';
import type { BillStore } from '../store/bill-store.js';
import type { BillService } from './bill-service.js';

const BATCH = 500;
/** A sweep stops after this many full batches; the next one goes on. */
const MAX_BATCHES = 20;

/**
 * Expires due bills in the background (reads also expire lazily), forgets old idempotency keys and, with retention
 * (`limits.retentionDays`), deletes bills settled unpaid that long after their `expiresAt` — never sooner than their
 * idempotency keys go, so a replayed create never names a deleted bill. Its timer is unref'd, so it never keeps a
 * process alive; runs never overlap.
 */
export class ExpirySweeper {
  #timer: ReturnType<typeof setInterval> | undefined;
  #running: Promise<void> | undefined;
  #warnedNoPurge = false;

  constructor(
    private readonly store: BillStore,
    private readonly bills: BillService,
    private readonly options: ResolvedOptions,
  ) {}

  /** Starts the periodic sweep. */
  start(): void {
    this.#timer ??= setInterval(() => void this.sweep(), this.options.sweepIntervalMs);
    this.#timer.unref?.();
  }

  /** One sweep now; answers when it (or the one already running) is done. */
  sweep(): Promise<void> {
    this.#running ??= this.#sweepOnce().finally(() => (this.#running = undefined));
    return this.#running;
  }

  /** Stops the timer and waits for a running sweep. */
  async stop(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#running;
  }

  async #sweepOnce(): Promise<void> {
    const { now, logger, idempotencyTtlMs } = this.options;
    try {
      for (let batch = 0; batch < MAX_BATCHES; batch += 1) {
        const due = await this.store.listExpiredBills(now(), BATCH);
        for (const bill of due) await this.bills.expireIfDue(bill, 'sweeper');
        if (due.length < BATCH) break;
      }
      await this.store.purgeIdempotencyKeys(now() - idempotencyTtlMs);
      await this.#purgeSettled();
    } catch (error) {
      logger.error('expiry sweep failed', { error: String(error) });
    }
  }

  async #purgeSettled(): Promise<void> {
    const { now, logger, idempotencyTtlMs, limits } = this.options;
    if (limits.retentionMs === undefined) return;
    if (!this.store.purgeSettledBills) {
      if (!this.#warnedNoPurge)
        logger.warn('the bill store has no purgeSettledBills: retention is off, every bill is kept');
      this.#warnedNoPurge = true;
      return;
    }
    const before = now() - Math.max(limits.retentionMs, idempotencyTtlMs);
    let purged = 0;
    for (let batch = 0; batch < MAX_BATCHES; batch += 1) {
      const deleted = await this.store.purgeSettledBills(before, BATCH);
      purged += deleted;
      if (deleted < BATCH) break;
    }
    if (purged > 0) logger.info('retention deleted bills settled unpaid', { purged, expiredBefore: before });
  }
}
