import type { PayServerLogger } from '../options.js';
import type { EventOutbox } from '../store/event-outbox.js';

const BATCH = 500;
/** A purge stops after this many full batches; the next one goes on. */
const MAX_BATCHES = 20;
/** How often the purge runs (real time; the timer is unref'd). */
const PURGE_INTERVAL_MS = 3_600_000;

/**
 * Deletes events older than the retention (`events.retentionDays`, at least 30 days, protocol §10) in batches,
 * hourly. An event still `pending` is never deleted: its webhook attempts are not over.
 */
export class EventRetention {
  #timer: ReturnType<typeof setInterval> | undefined;
  #running: Promise<number> | undefined;

  constructor(
    private readonly outbox: EventOutbox,
    private readonly retentionMs: number,
    private readonly now: () => number,
    private readonly logger: PayServerLogger,
  ) {}

  /** Starts the hourly purge. */
  start(): void {
    this.#timer ??= setInterval(() => void this.purge(), PURGE_INTERVAL_MS);
    this.#timer.unref?.();
  }

  /** Purges now (or joins the purge running); answers how many events it deleted. */
  purge(): Promise<number> {
    this.#running ??= this.#purgeOnce().finally(() => (this.#running = undefined));
    return this.#running;
  }

  /** Stops the timer and waits for a running purge. */
  async stop(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#running;
  }

  async #purgeOnce(): Promise<number> {
    const before = this.now() - this.retentionMs;
    let purged = 0;
    try {
      for (let batch = 0; batch < MAX_BATCHES; batch += 1) {
        const deleted = await this.outbox.purgeEvents(before, BATCH);
        purged += deleted;
        if (deleted < BATCH) break;
      }
    } catch (error) {
      this.logger.error('event retention purge failed', { error: String(error) });
    }
    if (purged > 0) this.logger.info('retention deleted old events', { purged, recordedBefore: before });
    return purged;
  }
}
