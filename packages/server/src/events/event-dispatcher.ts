import type { PayServerLogger } from '../options.js';
import type { EventOutbox, StoredEvent } from '../store/event-outbox.js';
import { afterFailedAttempt } from './retry-schedule.js';
import { type AttemptResult, attemptWebhook, type WebhookTarget } from './webhook-attempt.js';

/** Where one app's events go: its game backend's webhook endpoint and the signer of its webhooks. */
export type AppEndpoint = Pick<WebhookTarget, 'url' | 'signer'>;

/** What the dispatcher needs besides the outbox. */
export interface DispatcherConfig extends Pick<WebhookTarget, 'timeoutMs' | 'now'> {
  /** Each app's endpoint, by app id: an event goes to its own app's endpoint, signed with that app's key. */
  endpoints: ReadonlyMap<string, AppEndpoint>;
  /** Attempts in flight at once. */
  concurrency: number;
  /** How often due retries are looked for when nothing woke the dispatcher, in ms (real time). */
  pollIntervalMs: number;
  logger: PayServerLogger;
  /** Told of every finished attempt (the activity log's per-endpoint counts). @default nobody */
  onAttempt?: (event: StoredEvent, endpointUrl: string, result: AttemptResult) => void;
}

/** What this process's dispatcher did since it started. */
export interface DispatchCounts {
  /** Events the endpoint took (2xx). */
  sent: number;
  /** Attempts that failed (non-2xx, timeout, connection error), the last attempt of a dead event included. */
  failedAttempts: number;
  /** Events whose last attempt failed. */
  dead: number;
  /** Attempts running now. */
  inFlight: number;
}

/** A claimed event stays the dispatcher's this long after its attempt's timeout: time to record the outcome. */
const LEASE_MARGIN_MS = 30_000;
/** How long an event of an app without an endpoint (one removed from the config) waits before it is looked at again. */
const NO_ENDPOINT_RETRY_MS = 3_600_000;

/**
 * Sends the outbox's events to the webhook endpoint (protocol §10). It claims due events (each the oldest pending
 * one of its bill, so one bill's events go out in order while bills go in parallel, at most `concurrency` at once),
 * attempts each, and records `sent`, the next attempt of the retry schedule, or `dead`. It runs when woken (a new
 * event, a finished attempt) and on a timer (due retries). A claim is a lease: an instance that dies mid-attempt
 * loses the lease, not the event, which another claim sends once the lease ran out.
 */
export class EventDispatcher {
  readonly #inFlight = new Map<number, Promise<void>>();
  readonly #closed = new AbortController();
  readonly #counts = { sent: 0, failedAttempts: 0, dead: 0 };
  #claiming: Promise<void> | undefined;
  #claimAgain = false;
  /** Attempts started so far. */
  #started = 0;
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly outbox: EventOutbox,
    private readonly config: DispatcherConfig,
  ) {}

  /** Starts the timer and looks for due events at once. */
  start(): void {
    this.#timer ??= setInterval(() => this.wake(), this.config.pollIntervalMs);
    this.#timer.unref?.();
    this.wake();
  }

  /** Looks for due events now (a new event was recorded). Cheap to call often: claims never overlap. */
  wake(): void {
    void this.#claim();
  }

  /** Claims every event due now (in a claim of its own) and waits for those attempts, and any already running. */
  async flush(): Promise<void> {
    while (this.#claiming) await this.#claiming;
    await this.#claim();
    await Promise.all(this.#inFlight.values());
  }

  /**
   * Flushes until a flush finds nothing due and nothing in flight: a bill's next event goes as soon as its previous
   * one was sent. Retries scheduled for later (by the server's clock) are not waited for.
   */
  async drain(): Promise<void> {
    for (;;) {
      const started = this.#started;
      await this.flush();
      if (this.#closed.signal.aborted || (started === this.#started && this.#inFlight.size === 0)) return;
    }
  }

  /** What was done since the start. */
  counts(): DispatchCounts {
    return { ...this.#counts, inFlight: this.#inFlight.size };
  }

  /**
   * Stops: no new claim, running attempts are aborted and awaited. An aborted attempt records nothing: its event
   * stays leased, and is sent again once the lease ran out, as after a crash.
   */
  async close(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    this.#closed.abort();
    await this.#claiming;
    await Promise.all(this.#inFlight.values());
  }

  #claim(): Promise<void> {
    if (this.#closed.signal.aborted) return Promise.resolve();
    if (this.#claiming) {
      this.#claimAgain = true;
      return this.#claiming;
    }
    const claiming = this.#claimUntilDone();
    this.#claiming = claiming;
    void claiming.finally(() => {
      if (this.#claiming !== claiming) return;
      this.#claiming = undefined;
      // A wake-up that came in after the last pass ended must not be lost.
      if (this.#claimAgain) this.wake();
    });
    return claiming;
  }

  /** Claims until no wake-up came in meanwhile. Never rejects. */
  async #claimUntilDone(): Promise<void> {
    try {
      do {
        this.#claimAgain = false;
        await this.#claimDue();
      } while (this.#claimAgain && !this.#closed.signal.aborted);
    } catch (error) {
      this.config.logger.error('event dispatch could not claim due events', { error: String(error) });
    }
  }

  async #claimDue(): Promise<void> {
    const { concurrency, timeoutMs, now } = this.config;
    while (!this.#closed.signal.aborted) {
      const free = concurrency - this.#inFlight.size;
      if (free <= 0) return;
      const at = now();
      const due = await this.outbox.claimDueEvents(at, at + timeoutMs + LEASE_MARGIN_MS, free);
      if (this.#closed.signal.aborted) return;
      // An event still in flight here was re-claimed after its lease ran out on a clock that jumped (tests): skip it.
      for (const event of due) if (!this.#inFlight.has(event.seq)) this.#start(event);
      if (due.length < free) return;
    }
  }

  #start(event: StoredEvent): void {
    this.#started += 1;
    const attempt = this.#attempt(event).finally(() => {
      this.#inFlight.delete(event.seq);
      this.wake();
    });
    this.#inFlight.set(event.seq, attempt);
  }

  async #attempt(event: StoredEvent): Promise<void> {
    const { logger, now, timeoutMs } = this.config;
    const endpoint = this.config.endpoints.get(event.appId);
    if (!endpoint) {
      await this.#noEndpoint(event);
      return;
    }
    const result = await attemptWebhook(event, { ...endpoint, timeoutMs, now }, this.#closed.signal);
    if (!result.ok && result.aborted) return;
    this.config.onAttempt?.(event, endpoint.url, result);
    const attempt = event.attempts + 1;
    try {
      if (result.ok) {
        await this.outbox.recordDispatch(event.seq, { state: 'sent' });
        this.#counts.sent += 1;
        return;
      }
      const outcome = afterFailedAttempt(attempt, now(), result.error);
      await this.outbox.recordDispatch(event.seq, outcome);
      this.#counts.failedAttempts += 1;
      const about = { eventId: event.id, billId: event.billId, attempt, error: result.error };
      if (outcome.state === 'dead') {
        this.#counts.dead += 1;
        logger.error('webhook gave up after its last attempt: the event stays in GET /v1/events', about);
      } else logger.warn('webhook attempt failed; retrying', { ...about, nextAttemptAt: outcome.nextAttemptAt });
    } catch (error) {
      logger.error('could not record a webhook attempt: it is retried when its lease runs out', {
        eventId: event.id,
        error: String(error),
      });
    }
  }

  /**
   * An event recorded for an app whose webhook endpoint is no longer configured: never sent to another app's
   * endpoint. It stays pending (listed by that app's `GET /v1/events`) and is looked at again in an hour.
   */
  async #noEndpoint(event: StoredEvent): Promise<void> {
    const error = `app ${event.appId} has no webhook endpoint`;
    this.config.logger.warn('event waits: its app has no webhook endpoint', { eventId: event.id, appId: event.appId });
    await this.outbox
      .recordDispatch(event.seq, { state: 'pending', nextAttemptAt: this.config.now() + NO_ENDPOINT_RETRY_MS, error })
      .catch(() => undefined);
  }
}
