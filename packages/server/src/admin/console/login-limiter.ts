/**
 * Counts failed console logins per key (a user name, a client address) in a fixed window: past `attempts` failures
 * the key is refused until its window ends. Kept per instance — behind a load balancer each instance allows its own
 * share; scrypt's cost bounds what that share is worth to a guesser (docs/admin-console.md).
 */
export class LoginLimiter {
  readonly #failures = new Map<string, { count: number; until: number }>();

  constructor(
    private readonly attempts: number,
    private readonly windowMs: number,
  ) {}

  /** Seconds until `keys` may try again, or 0 when none of them is over the limit. */
  retryAfter(keys: readonly string[], now: number): number {
    let wait = 0;
    for (const key of keys) {
      const entry = this.#failures.get(key);
      if (entry && entry.until > now && entry.count >= this.attempts) wait = Math.max(wait, entry.until - now);
    }
    return Math.ceil(wait / 1000);
  }

  /** Counts a failed login against every one of `keys`. */
  fail(keys: readonly string[], now: number): void {
    if (this.#failures.size > 10_000) this.#prune(now);
    for (const key of keys) {
      const entry = this.#failures.get(key);
      if (!entry || entry.until <= now) this.#failures.set(key, { count: 1, until: now + this.windowMs });
      else entry.count += 1;
    }
  }

  #prune(now: number): void {
    for (const [key, entry] of this.#failures) if (entry.until <= now) this.#failures.delete(key);
  }
}
