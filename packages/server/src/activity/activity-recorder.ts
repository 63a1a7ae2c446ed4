import type { AttemptResult } from '../events/webhook-attempt.js';
import type { PayServerLogger } from '../options.js';
import type { StoredEvent } from '../store/event-outbox.js';
import type { ActivityEntry, ActivityLog } from './activity-log.js';

/** How the recorder batches, reports and forgets (resolved `activity` options). */
export interface ActivityRecorderConfig {
  /** This instance's id, written on every entry and heartbeat. */
  instanceId: string;
  /** How often buffered entries are written, in ms. */
  flushIntervalMs: number;
  /** Entries held for the next write at most; past it new entries are dropped (and counted). */
  maxBuffered: number;
  /** How often this instance reports itself (held waits), in ms. */
  heartbeatIntervalMs: number;
  /** How long entries are kept, in ms; `undefined` keeps them all. */
  retentionMs: number | undefined;
  now: () => number;
  logger: PayServerLogger;
  /** The waits this instance holds now (for the heartbeat). */
  heldWaits: () => number;
}

const DETAIL_MAX = 200;
const PURGE_BATCH = 5000;
const PURGE_MAX_BATCHES = 20;
const PURGE_EVERY_MS = 3_600_000;

/**
 * Writes the activity log off the request path: {@link record} pushes an entry into a buffer (no I/O, no await), and
 * a timer writes the buffer in one batch every `flushIntervalMs` — one statement per second however busy the server
 * is, so the log costs the notify path nothing it waits for. A crash loses at most the entries of the last interval;
 * bills and events, the source of truth, are stored before any answer and are not affected. A write that fails is
 * retried with the next batch (bounded by `maxBuffered`). It also reports this instance's held waits
 * ({@link ActivityLog.heartbeat}) and deletes entries past retention, once an hour. Timers are unref'd.
 */
export class ActivityRecorder {
  #buffer: ActivityEntry[] = [];
  #dropped = 0;
  #flushing: Promise<void> | undefined;
  #timers: ReturnType<typeof setInterval>[] = [];
  readonly #startedAt: number;
  /** When the last retention purge ran; `undefined`: not yet (the first report runs one). */
  #lastPurge: number | undefined;

  constructor(
    /** Where entries go. */
    readonly log: ActivityLog,
    private readonly config: ActivityRecorderConfig,
  ) {
    this.#startedAt = config.now();
  }

  /** This instance's id. */
  get instanceId(): string {
    return this.config.instanceId;
  }

  /** How often this instance reports itself, in ms. */
  get heartbeatIntervalMs(): number {
    return this.config.heartbeatIntervalMs;
  }

  /** Buffers one entry for the next write; `at` defaults to now. Never throws, never waits. */
  record(entry: Omit<ActivityEntry, 'at' | 'instanceId'> & { at?: number }): void {
    if (this.#buffer.length >= this.config.maxBuffered) {
      this.#dropped += 1;
      return;
    }
    const stored: ActivityEntry = { ...entry, at: entry.at ?? this.config.now(), instanceId: this.config.instanceId };
    if (stored.detail !== undefined) stored.detail = stored.detail.slice(0, DETAIL_MAX);
    this.#buffer.push(stored);
  }

  /** Buffers one webhook attempt of `event` to `endpointUrl` (its query string, which may hold a token, left out). */
  recordWebhookAttempt(event: StoredEvent, endpointUrl: string, result: AttemptResult): void {
    this.record({
      appId: event.appId,
      kind: 'webhook',
      outcome: result.ok ? 'sent' : 'failed',
      actor: 'pay-server',
      billId: event.billId,
      endpoint: endpointUrl.split('?')[0]!,
      eventId: event.id,
      detail: result.ok ? `HTTP ${result.status}` : result.error,
    });
  }

  /** Starts the write, heartbeat and retention timers, and reports this instance at once. */
  start(): void {
    if (this.#timers.length > 0) return;
    const every = (ms: number, run: () => Promise<unknown>) => {
      const timer = setInterval(() => void run(), ms);
      timer.unref?.();
      this.#timers.push(timer);
    };
    every(this.config.flushIntervalMs, () => this.flush());
    every(this.config.heartbeatIntervalMs, () => this.#heartbeat());
    void this.#heartbeat();
  }

  /** Writes what is buffered now; answers when it (and any write already running) is done. Never rejects. */
  async flush(): Promise<void> {
    while (this.#flushing) await this.#flushing;
    if (this.#buffer.length === 0 && this.#dropped === 0) return;
    this.#flushing = this.#write().finally(() => (this.#flushing = undefined));
    await this.#flushing;
  }

  /** Stops the timers and writes what is left. */
  async close(): Promise<void> {
    for (const timer of this.#timers) clearInterval(timer);
    this.#timers = [];
    await this.flush();
  }

  async #write(): Promise<void> {
    const batch = this.#buffer;
    this.#buffer = [];
    if (this.#dropped > 0) {
      this.config.logger.warn('activity log entries dropped: the store could not keep up', {
        dropped: this.#dropped,
      });
      this.#dropped = 0;
    }
    if (batch.length === 0) return;
    try {
      await this.log.append(batch);
    } catch (error) {
      this.config.logger.warn('could not write the activity log; retrying with the next batch', {
        entries: batch.length,
        error: String(error),
      });
      // Put them back in front, within the bound: the oldest are the ones dropped.
      const room = Math.max(0, this.config.maxBuffered - this.#buffer.length);
      this.#dropped += Math.max(0, batch.length - room);
      this.#buffer = [...batch.slice(batch.length - room), ...this.#buffer];
    }
  }

  async #heartbeat(): Promise<void> {
    const { now, instanceId, heldWaits, logger } = this.config;
    try {
      await this.log.heartbeat({ instanceId, startedAt: this.#startedAt, seenAt: now(), heldWaits: heldWaits() });
      if (this.#lastPurge === undefined || now() - this.#lastPurge >= PURGE_EVERY_MS) {
        this.#lastPurge = now();
        await this.#purge();
      }
    } catch (error) {
      logger.warn('could not report this instance to the activity log', { error: String(error) });
    }
  }

  async #purge(): Promise<void> {
    const { retentionMs, now, logger } = this.config;
    if (retentionMs === undefined) return;
    const before = now() - retentionMs;
    let purged = 0;
    for (let batch = 0; batch < PURGE_MAX_BATCHES; batch += 1) {
      const deleted = await this.log.purgeBefore(before, PURGE_BATCH);
      purged += deleted;
      if (deleted < PURGE_BATCH) break;
    }
    if (purged > 0) logger.info('retention deleted activity log entries', { purged, before });
  }
}
