import { stripeId, unixSeconds } from './stripe-ids.js';
import type { StripeEventObject } from './stripe-objects.js';
import { type AttemptKind, type DeliveryAttempt, postEvent } from './webhook-attempt.js';
import { stripeSignatureHeader } from './webhook-signature.js';

export type { AttemptKind, DeliveryAttempt } from './webhook-attempt.js';

/** Which events a fault applies to: an event type, or a test. */
export type EventMatch = string | ((event: StripeEventObject) => boolean);

/** The order {@link WebhookDeliveries.release} sends held events in: as created, reversed, or by event id. */
export type ReleaseOrder = 'created' | 'reverse' | readonly string[];

/** What the deliveries need from the emulator. */
export interface DeliveryOptions {
  now(): number;
  secret(): string;
  /** Delays of the retries after a failed attempt, in ms (Stripe's schedule, shortened). */
  retryDelaysMs: readonly number[];
  /** How long one attempt may take, in ms. */
  timeoutMs: number;
  /** The event by id. */
  event(id: string): StripeEventObject | undefined;
}

const matches = (match: EventMatch, event: StripeEventObject) =>
  typeof match === 'string' ? event.type === match : match(event);

/**
 * Sends events to the webhook endpoint the way Stripe does, simplified: one JSON POST per event with a fresh
 * `Stripe-Signature` per attempt; a non-2xx answer or a failed request is retried after each of `retryDelaysMs`
 * (Stripe retries for up to three days); events go out one at a time in the order they were created. Test faults:
 * drop (lose) events, hold and release them in another order, send one again, replay a captured request, forge one.
 */
export class WebhookDeliveries {
  /** Where events are sent; `undefined` keeps them unsent (they are still recorded). */
  url: string | undefined;
  readonly attempts: DeliveryAttempt[] = [];
  readonly dropped: StripeEventObject[] = [];
  #held: StripeEventObject[] | undefined;
  #drops: Array<{ match: EventMatch; left: number }> = [];
  #queue: Promise<unknown> = Promise.resolve();
  #pending = new Set<Promise<unknown>>();
  #timers = new Map<ReturnType<typeof setTimeout>, () => void>();
  #first = new Map<string, Promise<DeliveryAttempt | undefined>>();

  constructor(private readonly options: DeliveryOptions) {}

  /** Loses the next `count` events that match: they are recorded and never sent, not even retried. */
  drop(match: EventMatch, count = 1): void {
    this.#drops.push({ match, left: count });
  }

  /** Keeps every new event back until {@link release}. */
  hold(): void {
    this.#held ??= [];
  }

  /** Sends the held events in `order` (each with its retries) and stops holding; resolves their first attempts. */
  async release(order: ReleaseOrder = 'created'): Promise<Array<DeliveryAttempt | undefined>> {
    const held = this.#held ?? [];
    this.#held = undefined;
    const sorted =
      order === 'created'
        ? held
        : order === 'reverse'
          ? [...held].reverse()
          : order.map((id) => held.find((event) => event.id === id)).filter((event) => event !== undefined);
    const left = held.filter((event) => !sorted.includes(event));
    return Promise.all([...sorted, ...left].map((event) => this.#enqueue(event)));
  }

  /** The events held back now. */
  get held(): readonly StripeEventObject[] {
    return this.#held ?? [];
  }

  /** Called for every new event: sends it, unless it is dropped or held. */
  accept(event: StripeEventObject): void {
    const drop = this.#drops.find((entry) => entry.left > 0 && matches(entry.match, event));
    if (drop) {
      drop.left -= 1;
      this.dropped.push(event);
      return;
    }
    if (this.#held) {
      this.#held.push(event);
      return;
    }
    void this.#enqueue(event);
  }

  /** The first attempt of each event (`undefined` for one dropped, held or with no endpoint), once made. */
  firstAttempts(events: readonly StripeEventObject[]): Promise<Array<DeliveryAttempt | undefined>> {
    return Promise.all(events.map((event) => this.#first.get(event.id) ?? Promise.resolve(undefined)));
  }

  /** Sends an event again, freshly signed, as a duplicate delivery. */
  redeliver(eventId: string): Promise<DeliveryAttempt> {
    return this.#track(this.#attempt(this.#event(eventId), 'redelivery'));
  }

  /** Sends the exact body and signature of an earlier attempt again, as an attacker replaying a capture would. */
  replay(attempt: DeliveryAttempt): Promise<DeliveryAttempt> {
    const event = this.#event(attempt.eventId);
    return this.#track(this.#post(event, 'replay', attempt.body, attempt.signature));
  }

  /** Sends an event signed with another secret (default: a random one), optionally with another body. */
  forge(eventId: string, options: { secret?: string; body?: string } = {}): Promise<DeliveryAttempt> {
    const event = this.#event(eventId);
    const body = options.body ?? JSON.stringify(event, null, 2);
    const signature = stripeSignatureHeader(options.secret ?? stripeId('whsec'), body, unixSeconds(this.options.now()));
    return this.#track(this.#post(event, 'forged', body, signature));
  }

  /** Resolves when nothing is in flight and no retry is scheduled. */
  async idle(): Promise<void> {
    while (this.#pending.size > 0) await Promise.allSettled([...this.#pending]);
  }

  /** Cancels scheduled retries. */
  stop(): void {
    for (const [timer, done] of this.#timers) {
      clearTimeout(timer);
      done();
    }
    this.#timers.clear();
  }

  #event(id: string): StripeEventObject {
    const event = this.options.event(id);
    if (!event) throw new Error(`The Stripe emulator has no event ${id}`);
    return event;
  }

  #track<T>(promise: Promise<T>): Promise<T> {
    this.#pending.add(promise);
    void promise.finally(() => this.#pending.delete(promise)).catch(() => undefined);
    return promise;
  }

  #enqueue(event: StripeEventObject): Promise<DeliveryAttempt | undefined> {
    const first = this.#queue.then(async () => {
      if (this.url === undefined) return undefined;
      const attempt = await this.#attempt(event, 'delivery');
      if (!ok(attempt.status)) this.#scheduleRetry(event, 0);
      return attempt;
    });
    this.#queue = first.catch(() => undefined);
    this.#first.set(event.id, first);
    return this.#track(first);
  }

  #scheduleRetry(event: StripeEventObject, index: number): void {
    const delay = this.options.retryDelaysMs[index];
    if (delay === undefined) return;
    void this.#track(
      new Promise<void>((done) => {
        const timer = setTimeout(() => {
          this.#timers.delete(timer);
          void this.#attempt(event, 'retry')
            .then((attempt) => {
              if (!ok(attempt.status)) this.#scheduleRetry(event, index + 1);
            })
            .finally(done);
        }, delay);
        timer.unref?.();
        this.#timers.set(timer, done);
      }),
    );
  }

  #attempt(event: StripeEventObject, kind: AttemptKind): Promise<DeliveryAttempt> {
    const body = JSON.stringify(event, null, 2);
    const signature = stripeSignatureHeader(this.options.secret(), body, unixSeconds(this.options.now()));
    return this.#post(event, kind, body, signature);
  }

  async #post(event: StripeEventObject, kind: AttemptKind, body: string, signature: string): Promise<DeliveryAttempt> {
    const attempt = await postEvent(
      this.url,
      { event, kind, body, signature, at: this.options.now() },
      this.options.timeoutMs,
    );
    this.attempts.push(attempt);
    return attempt;
  }
}

const ok = (status: number) => status >= 200 && status < 300;
