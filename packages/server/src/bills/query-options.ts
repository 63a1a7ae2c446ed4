/**
 * The query fallback (`PayServerOptions.query`, protocol §7): the server asks a channel whose driver has `query` about
 * its bills still unpaid, so a notification that never arrives never loses a payment. Each bill is asked about at
 * every checkpoint after its creation while it is still `created`, and once after its expiry while it is `created`,
 * `expired` or `cancelled` (a payment the channel took in time: a late payment, `→ paid`). Every instance asks on its
 * own: with several instances a bill is asked about once per instance and checkpoint (queries are reads, verdicts are
 * applied idempotently).
 */
export interface QueryOptions {
  /**
   * When to ask about a bill still `created`, in ms after its `createdAt`. A checkpoint at or past the bill's expiry
   * is left to the check after expiry. `[]`: none.
   * @default [120000, 300000, 600000] (2, 5 and 10 minutes)
   */
  checkpointsMs?: number[];
  /**
   * When to ask, once, about a bill that was not paid by its expiry, in ms after its `expiresAt`; `false`: never.
   * @default 60000 (1 minute)
   */
  afterExpiryMs?: number | false;
  /** Queries in flight at once, across bills. @default 4 */
  concurrency?: number;
  /** How long one query may take before it counts as failed (logged; the bill is asked again at its next checkpoint), in ms. @default 10000 */
  timeoutMs?: number;
  /** How often the query sweep looks for bills at a checkpoint, in ms (real time; its timer is unref'd). @default 30000 */
  intervalMs?: number;
}

/** {@link QueryOptions} with every default applied and checked. */
export interface ResolvedQueryOptions {
  /** Ascending, without repeats. */
  checkpointsMs: number[];
  afterExpiryMs: number | false;
  concurrency: number;
  timeoutMs: number;
  intervalMs: number;
}

function number(name: string, value: unknown, fallback: number, min: number, integer = false): number {
  const resolved = value ?? fallback;
  const valid = typeof resolved === 'number' && Number.isFinite(resolved) && resolved >= min;
  if (!valid || (integer && !Number.isSafeInteger(resolved))) {
    throw new TypeError(`Invalid query.${name}: ${String(value)} (${integer ? 'an integer' : 'a number'} ≥ ${min})`);
  }
  return resolved;
}

function checkpoints(value: unknown): number[] {
  if (value === undefined) return [120_000, 300_000, 600_000];
  if (!Array.isArray(value)) throw new TypeError(`Invalid query.checkpointsMs: ${String(value)} (a list of ms)`);
  const list = value.map((ms, index) => number(`checkpointsMs[${index}]`, ms, 0, 1, true));
  return [...new Set(list)].sort((a, b) => a - b);
}

/** Applies the documented defaults of {@link QueryOptions}; throws a `TypeError` naming the first bad option. */
export function resolveQueryOptions(options: QueryOptions = {}): ResolvedQueryOptions {
  if (typeof options !== 'object' || options === null) throw new TypeError('Invalid query: an object');
  const afterExpiry = options.afterExpiryMs;
  return {
    checkpointsMs: checkpoints(options.checkpointsMs),
    afterExpiryMs: afterExpiry === false ? false : number('afterExpiryMs', afterExpiry, 60_000, 0, true),
    concurrency: number('concurrency', options.concurrency, 4, 1, true),
    timeoutMs: number('timeoutMs', options.timeoutMs, 10_000, 1),
    intervalMs: number('intervalMs', options.intervalMs, 30_000, 1),
  };
}
