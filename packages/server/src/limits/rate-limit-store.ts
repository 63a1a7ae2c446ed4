import type { RateRule } from './limit-options.js';

/** What {@link RateLimitStore.take} decided. */
export type TakeResult =
  /** A token was taken: let the request through. */
  | { ok: true }
  /** The bucket is empty: refuse, and say when a token is back. */
  | { ok: false; retryAfterMs: number };

/**
 * Where the token buckets live. The memory one serves one process; a store shared by every instance (Redis,
 * PostgreSQL) makes the limits hold across a fleet. `take` may answer synchronously (the memory store does, so a
 * request that passes costs no promise) or with a promise.
 */
export interface RateLimitStore {
  /** Takes one token from the bucket `key`, which follows `rule`, at time `now` (ms). */
  take(key: string, rule: RateRule, now: number): TakeResult | Promise<TakeResult>;
}

interface Bucket {
  tokens: number;
  at: number;
}

/** Buckets kept before full ones are dropped (a full bucket is the same as no bucket). */
const SWEEP_AT = 50_000;

/**
 * Token buckets in this process's memory. A bucket is forgotten once it has refilled, so memory follows the clients
 * seen in the last minutes, not all clients ever seen.
 */
export class MemoryRateLimitStore implements RateLimitStore {
  readonly #buckets = new Map<string, Bucket & { rule: RateRule }>();
  /** The size that triggers the next sweep: twice what a sweep left, so a flood of new clients costs O(1) each. */
  #sweepAt = SWEEP_AT;

  take(key: string, rule: RateRule, now: number): TakeResult {
    const ratePerMs = rule.perMinute / 60_000;
    let bucket = this.#buckets.get(key);
    if (!bucket) {
      if (this.#buckets.size >= this.#sweepAt) {
        this.#dropFull(now);
        this.#sweepAt = Math.max(SWEEP_AT, this.#buckets.size * 2);
      }
      bucket = { tokens: rule.burst, at: now, rule };
      this.#buckets.set(key, bucket);
    } else {
      bucket.tokens = Math.min(rule.burst, bucket.tokens + Math.max(0, now - bucket.at) * ratePerMs);
      bucket.at = now;
    }
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { ok: true };
    }
    return { ok: false, retryAfterMs: Math.ceil((1 - bucket.tokens) / ratePerMs) };
  }

  /** How many buckets are kept (for tests and metrics). */
  get size(): number {
    return this.#buckets.size;
  }

  #dropFull(now: number): void {
    for (const [key, { tokens, at, rule }] of this.#buckets) {
      if (tokens + (now - at) * (rule.perMinute / 60_000) >= rule.burst) this.#buckets.delete(key);
    }
  }
}
