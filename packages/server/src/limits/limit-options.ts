import type { RateLimitStore } from './rate-limit-store.js';

/**
 * A token bucket: `burst` requests at once, then `perMinute` a minute (refilled continuously). A request over it
 * answers `429 RATE_LIMITED` with `Retry-After` (whole seconds until a token is back).
 */
export interface RateRule {
  /** How many requests may come at once. */
  burst: number;
  /** How many requests a minute once the burst is spent. */
  perMinute: number;
}

/** One request class's buckets: one per client IP and one per verified identity. */
export interface RateRules {
  /** Per client IP (the socket's address, or `X-Forwarded-For` with `trustProxy`). `false`: no IP bucket. */
  perIp?: RateRule | false;
  /** Per verified identity (a player, a bill token); the game backend's server key and development mode have none. `false`: no identity bucket. */
  perIdentity?: RateRule | false;
}

/**
 * The abuse limits of the pay server (`PayServerOptions.limits`). Every field is optional; each default is sized for
 * a real game (one held wait per open bill every 25 s, a purchase every few seconds at most) with many players
 * behind one address (a school, a carrier NAT) in the per-IP numbers. The whole table is `docs/limits.md`.
 */
export interface LimitOptions {
  /**
   * `X-Forwarded-For` hops to trust: `0` takes the socket's address and ignores the header (never trust it unless a
   * proxy you run sets it); `1` takes the address the nearest proxy saw; `n` skips `n − 1` further proxies you run.
   * @default 0
   */
  trustProxy?: number;
  /**
   * Client addresses no per-IP limit applies to (per-identity limits and caps still do). Loopback by default: a proxy
   * on the same machine connects from it, and without `trustProxy` every player behind it would share one bucket. Set
   * `trustProxy` to count them apart, or `[]` to limit loopback clients too.
   * @default ['127.0.0.1', '::1']
   */
  unlimitedAddresses?: string[];
  /**
   * Where the rate-limit buckets live. The default is per process; give every instance one shared store to make the
   * limits hold across a fleet. @default new MemoryRateLimitStore()
   */
  rateLimitStore?: RateLimitStore;
  /** `POST /v1/bills`. @default { perIp: { burst: 120, perMinute: 120 }, perIdentity: { burst: 10, perMinute: 10 } } */
  create?: RateRules;
  /**
   * `GET /v1/bills/:id/result` — every answer is signed, so `wait=0` in a loop is a signing flood.
   * @default { perIp: { burst: 600, perMinute: 1200 }, perIdentity: { burst: 60, perMinute: 120 } }
   */
  wait?: RateRules;
  /**
   * The other bill endpoints: read, list, report, cancel, deliver.
   * @default { perIp: { burst: 300, perMinute: 600 }, perIdentity: { burst: 60, perMinute: 120 } }
   */
  other?: RateRules;
  /** Held waits at once on one bill; more answer `429` at once, never held. @default 64 */
  heldWaitsPerBill?: number;
  /** Held waits at once per verified identity (a player, a bill token). @default 64 */
  heldWaitsPerIdentity?: number;
  /** Held waits at once per client IP. @default 1024 */
  heldWaitsPerIp?: number;
  /** Bills still `created` (and not yet due) per player; another create answers `429`. @default 20 */
  openBillsPerPlayer?: number;
  /**
   * How long failed, cancelled and expired bills are kept after their `expiresAt`, in days; the sweep then deletes
   * them. Paid and delivered bills are kept for accounting. A channel payment that arrives later than this finds no bill (`404`). `false`: keep everything.
   * @default 30
   */
  retentionDays?: number | false;
  /**
   * Open connections the Node adapter (`serveNode`, `startPayServer`) accepts; past it a new one gets a short `503`.
   * @default 10000, or the process's open-file limit less 64 when that is lower (Linux)
   */
  maxConnections?: number;
  /** Seconds a client may take to send a request's headers (Node's `headersTimeout`). @default 10 */
  headersTimeoutSeconds?: number;
  /** Seconds a client may take to send a whole request, headers and body (Node's `requestTimeout`). @default 30 */
  requestTimeoutSeconds?: number;
}

/** {@link LimitOptions} with every default applied and checked. */
export interface ResolvedLimits {
  trustProxy: number;
  unlimitedAddresses: ReadonlySet<string>;
  rateLimitStore: RateLimitStore | undefined;
  create: ResolvedRateRules;
  wait: ResolvedRateRules;
  other: ResolvedRateRules;
  heldWaitsPerBill: number;
  heldWaitsPerIdentity: number;
  heldWaitsPerIp: number;
  openBillsPerPlayer: number;
  retentionMs: number | undefined;
  maxConnections: number;
  headersTimeoutMs: number;
  requestTimeoutMs: number;
}

/** {@link RateRules} resolved: `undefined` is "no bucket". */
export interface ResolvedRateRules {
  perIp: RateRule | undefined;
  perIdentity: RateRule | undefined;
}

/** The request classes that are rate limited. */
export type RateClass = 'create' | 'wait' | 'other';

/** The documented defaults of {@link LimitOptions}. */
export const LIMIT_DEFAULTS = {
  trustProxy: 0,
  unlimitedAddresses: ['127.0.0.1', '::1'],
  create: { perIp: { burst: 120, perMinute: 120 }, perIdentity: { burst: 10, perMinute: 10 } },
  wait: { perIp: { burst: 600, perMinute: 1200 }, perIdentity: { burst: 60, perMinute: 120 } },
  other: { perIp: { burst: 300, perMinute: 600 }, perIdentity: { burst: 60, perMinute: 120 } },
  heldWaitsPerBill: 64,
  heldWaitsPerIdentity: 64,
  heldWaitsPerIp: 1024,
  openBillsPerPlayer: 20,
  retentionDays: 30,
  maxConnections: 10_000,
  headersTimeoutSeconds: 10,
  requestTimeoutSeconds: 30,
} as const satisfies Required<Omit<LimitOptions, 'rateLimitStore'>>;

const DAY_MS = 86_400_000;

function count(name: string, value: unknown, fallback: number, min = 1): number {
  const resolved = value ?? fallback;
  if (!Number.isSafeInteger(resolved) || (resolved as number) < min) {
    throw new TypeError(`Invalid limits.${name}: ${String(value)} (an integer ≥ ${min})`);
  }
  return resolved as number;
}

function seconds(name: string, value: unknown, fallback: number): number {
  const resolved = value ?? fallback;
  if (typeof resolved !== 'number' || !(resolved > 0) || !Number.isFinite(resolved)) {
    throw new TypeError(`Invalid limits.${name}: ${String(value)} (a number of seconds above 0)`);
  }
  return resolved * 1000;
}

function rule(name: string, value: RateRule | false | undefined, fallback: RateRule): RateRule | undefined {
  if (value === false) return undefined;
  const given = value ?? fallback;
  if (typeof given !== 'object' || given === null)
    throw new TypeError(`Invalid limits.${name}: { burst, perMinute } or false`);
  return {
    burst: count(`${name}.burst`, given.burst, fallback.burst),
    perMinute: count(`${name}.perMinute`, given.perMinute, fallback.perMinute),
  };
}

function rules(name: RateClass, value: RateRules | undefined): ResolvedRateRules {
  const fallback = LIMIT_DEFAULTS[name];
  return {
    perIp: rule(`${name}.perIp`, value?.perIp, fallback.perIp),
    perIdentity: rule(`${name}.perIdentity`, value?.perIdentity, fallback.perIdentity),
  };
}

function addresses(value: string[] | undefined): ReadonlySet<string> {
  const list = value ?? LIMIT_DEFAULTS.unlimitedAddresses;
  if (!Array.isArray(list) || !list.every((address) => typeof address === 'string')) {
    throw new TypeError('Invalid limits.unlimitedAddresses: a list of IP addresses');
  }
  return new Set(list);
}

/** Applies the documented defaults; throws a `TypeError` naming the first bad limit. */
export function resolveLimits(options: LimitOptions = {}): ResolvedLimits {
  if (typeof options !== 'object' || options === null) throw new TypeError('Invalid limits: an object');
  const retentionDays = options.retentionDays ?? LIMIT_DEFAULTS.retentionDays;
  if (retentionDays !== false && (typeof retentionDays !== 'number' || !(retentionDays >= 1))) {
    // Under a day a bill could go while its idempotency key (kept 24 h) still names it.
    throw new TypeError(`Invalid limits.retentionDays: ${String(options.retentionDays)} (days ≥ 1, or false)`);
  }
  const headersTimeoutMs = seconds(
    'headersTimeoutSeconds',
    options.headersTimeoutSeconds,
    LIMIT_DEFAULTS.headersTimeoutSeconds,
  );
  const requestTimeoutMs = seconds(
    'requestTimeoutSeconds',
    options.requestTimeoutSeconds,
    LIMIT_DEFAULTS.requestTimeoutSeconds,
  );
  if (headersTimeoutMs > requestTimeoutMs) {
    throw new TypeError(
      'Invalid limits: headersTimeoutSeconds must be at most requestTimeoutSeconds (the headers are part of the request)',
    );
  }
  return {
    trustProxy: count('trustProxy', options.trustProxy, LIMIT_DEFAULTS.trustProxy, 0),
    unlimitedAddresses: addresses(options.unlimitedAddresses),
    rateLimitStore: options.rateLimitStore,
    create: rules('create', options.create),
    wait: rules('wait', options.wait),
    other: rules('other', options.other),
    heldWaitsPerBill: count('heldWaitsPerBill', options.heldWaitsPerBill, LIMIT_DEFAULTS.heldWaitsPerBill),
    heldWaitsPerIdentity: count(
      'heldWaitsPerIdentity',
      options.heldWaitsPerIdentity,
      LIMIT_DEFAULTS.heldWaitsPerIdentity,
    ),
    heldWaitsPerIp: count('heldWaitsPerIp', options.heldWaitsPerIp, LIMIT_DEFAULTS.heldWaitsPerIp),
    openBillsPerPlayer: count('openBillsPerPlayer', options.openBillsPerPlayer, LIMIT_DEFAULTS.openBillsPerPlayer),
    retentionMs: retentionDays === false ? undefined : retentionDays * DAY_MS,
    maxConnections: count('maxConnections', options.maxConnections, LIMIT_DEFAULTS.maxConnections),
    headersTimeoutMs,
    requestTimeoutMs,
  };
}
