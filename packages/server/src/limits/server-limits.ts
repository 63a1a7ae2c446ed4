import { HeldWaitCaps } from './held-wait-caps.js';
import type { ResolvedLimits } from './limit-options.js';
import { MemoryRateLimitStore } from './rate-limit-store.js';
import { RateLimiter } from './rate-limiter.js';

/** The limits' state for one server: its rate-limit buckets and its counts of held waits. */
export interface ServerLimits {
  /** Per-IP and per-identity token buckets; routes charge them after authentication. */
  rate: RateLimiter;
  /** Held waits per bill, identity and IP; the held wait takes a slot before it holds. */
  heldWaits: HeldWaitCaps;
}

/** The state of `limits` for one server (a fresh memory bucket store unless `limits.rateLimitStore` is given). */
export function createServerLimits(limits: ResolvedLimits, clock: () => number = Date.now): ServerLimits {
  return {
    rate: new RateLimiter(limits, limits.rateLimitStore ?? new MemoryRateLimitStore(), clock),
    heldWaits: new HeldWaitCaps(limits),
  };
}
