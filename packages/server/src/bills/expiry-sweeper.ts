import type { ResolvedOptions } from '../options.js';
import type { BillStore } from '../store/bill-store.js';
import type { BillService } from './bill-service.js';

const BATCH = 500;
/** A sweep stops after this many full batches; the next one goes on. */
const MAX_BATCHES = 20;

/**
 * Expires due bills in the background (reads also expire lazily) and forgets old idempotency keys.
 * Its timer is unref'd, so it never keeps a process alive; runs never overlap.
 */
export class ExpirySweeper {
  #timer: ReturnType<typeof setInterval> | undefined;
  #running: Promise<void> | undefined;

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
        for (const bill of due) await this.bills.expireIfDue(bill);
        if (due.length < BATCH) break;
      }
      await this.store.purgeIdempotencyKeys(now() - idempotencyTtlMs);
    } catch (error) {
      logger.error('expiry sweep failed', { error: String(error) });
    }
  }
}
