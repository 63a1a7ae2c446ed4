import type { Identity } from '../auth/identity.js';
import { ProtocolError } from '../http/protocol-error.js';
import { ipBucket } from './ip-bucket.js';
import type { RateClass, RateRule, ResolvedLimits } from './limit-options.js';
import type { RateLimitStore, TakeResult } from './rate-limit-store.js';

/**
 * The bucket of an identity, or `undefined` for none: the game backend's server key speaks for every player (its
 * limits are the backend's own), and development mode has no identity (its per-IP buckets still apply).
 */
export function identityKey(identity: Identity): string | undefined {
  if (identity.kind === 'player') return `player:${identity.appId}:${identity.userId}`;
  if (identity.kind === 'bill') return `bill:${identity.billId}`;
  return undefined;
}

/** `429 RATE_LIMITED` with `Retry-After` in whole seconds (at least 1). */
export function rateLimited(message: string, retryAfterMs: number): ProtocolError {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new ProtocolError('RATE_LIMITED', `${message}; retry after ${seconds} s`, {
    headers: { 'retry-after': String(seconds) },
  });
}

/**
 * The per-IP and per-identity token buckets of each request class ({@link ResolvedLimits}). A route calls
 * {@link charge} once it knows who is asking (after authentication), before it does the work.
 */
export class RateLimiter {
  constructor(
    private readonly limits: ResolvedLimits,
    private readonly store: RateLimitStore,
    private readonly clock: () => number = Date.now,
  ) {}

  /**
   * Takes a token from each bucket of `request`; throws `429 RATE_LIMITED` when one is empty, after dropping the
   * request's unread body (a refused upload is not read).
   */
  async charge(kind: RateClass, identity: Identity, request: Request): Promise<void> {
    const { perIp, perIdentity } = this.limits[kind];
    const ip = ipBucket(request, identity, this.limits);
    const who = identityKey(identity);
    if (perIp && ip !== undefined) await this.#take(`${kind}:ip:${ip}`, perIp, 'this address', request);
    if (perIdentity && who !== undefined) await this.#take(`${kind}:${who}`, perIdentity, 'this credential', request);
  }

  async #take(key: string, rule: RateRule, whose: string, request: Request): Promise<void> {
    const taken: TakeResult = await this.store.take(key, rule, this.clock());
    if (taken.ok) return;
    if (!request.bodyUsed) await request.body?.cancel().catch(() => undefined);
    throw rateLimited(`too many requests from ${whose}`, taken.retryAfterMs);
  }
}
