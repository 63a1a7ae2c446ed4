import type { ActivityOptions } from './activity/activity-options.js';
import { MAX_WAIT_SECONDS } from '@coinslot/protocol';
import type { AdminOptions } from './admin/admin-api.js';
import type { AppOptions } from './apps/app-options.js';
import type { AuthOptions } from './auth/auth-options.js';
import { resolveQueryOptions, type QueryOptions, type ResolvedQueryOptions } from './bills/query-options.js';
import type { ChannelDriver } from './drivers/channel-driver.js';
import type { EventOptions } from './events/event-options.js';
import { resolveCorsOrigins, type CorsOrigins } from './http/cors.js';
import { resolveLimits, type LimitOptions, type ResolvedLimits } from './limits/limit-options.js';
import type { Es256Sign } from './signing/es256-sign.js';
import type { SigningKey } from './signing/signing-key.js';
import type { BillStore } from './store/bill-store.js';
import type { WakeBus } from './bus/wake-bus.js';

/** Where the pay server writes what it does. Every method receives a message and optional structured data. */
export interface PayServerLogger {
  info(message: string, data?: object): void;
  warn(message: string, data?: object): void;
  error(message: string, data?: object): void;
}

/** The server's price for ONE item; a bill must carry `amount = price × quantity` in the same currency. */
export interface CatalogPrice {
  /** Price of one item in the currency's minor unit. */
  amount: number;
  /** ISO 4217 code. */
  currency: string;
}

/** Options of {@link createPayServer}. Every one but `auth` is optional. */
export interface PayServerOptions {
  /**
   * How players and the game backend are identified (required): `{ playerTokens }`, `{ serverKeys }`, both, or
   * `{ development: true }` for local development only. See {@link AuthOptions}.
   */
  auth: AuthOptions;
  /** Where bills and idempotency records live. @default new MemoryBillStore() */
  store?: BillStore;
  /**
   * The wake-up bus between instances (docs/server-config.md "Wake-up bus"): a change stored by any instance ends the
   * held waits of every instance subscribed, at once. Give every instance over one PostgreSQL store a bus over one
   * medium: `await PostgresWakeBus.open({ connectionString, schema })` (LISTEN/NOTIFY, no other service) or
   * `await RedisWakeBus.open({ url })` (Redis pub/sub). The bus is a hint: a lost wake-up costs latency (the hold
   * re-reads when it ends, every hold re-reads when the bus reconnects), never a result. A bus passed here stays open
   * when the server closes: its owner closes it.
   * @default a bus of this process only (`new InProcessWakeBus()`): one instance, or several in one process sharing one
   */
  bus?: WakeBus;
  /** The private ES256 (P-256) JWK that signs results, with its `kid`. @default a key generated in memory (clients must then fetch `GET /v1/keys` after every restart) */
  signingKey?: SigningKey;
  /**
   * What makes this server's ES256 signatures: `webCryptoEs256Sign` (every runtime) or `nodeEs256Sign` from
   * `@coinslot/server` (Node: the same r ‖ s bytes in about half the CPU), or a function of that shape.
   * @default node:crypto's once this process serves through `serveNode` or `startPayServer`, else WebCrypto's
   */
  signer?: Es256Sign;
  /**
   * Prices by item id. When given, the server prices every bill (`amount` may be left out of `POST /v1/bills`; when
   * sent it must equal price × quantity) and refuses an unknown item or another amount or currency with
   * `AMOUNT_MISMATCH`. Required with real auth (`playerTokens` or `serverKeys`): only development auth may take the
   * client's amount. @default none: the client's amount (development auth only)
   */
  catalog?: Record<string, CatalogPrice>;
  /**
   * The channel drivers. Required with real auth, so the sandbox (a free Approve button) never runs unless asked for.
   * @default [createSandboxDriver()] with development auth
   */
  drivers?: ChannelDriver[];
  /** The longest a held wait is held, in seconds (0 < s ≤ 25). @default 25 */
  holdSeconds?: number;
  /** How long a new bill may wait to be paid: `expiresAt = createdAt + billTtlMs`. @default 900000 (15 minutes) */
  billTtlMs?: number;
  /** The request body limit in bytes. @default 65536 */
  maxBodyBytes?: number;
  /** The server's public base URL for launch payload URLs (e.g. behind a proxy). @default the request's own origin */
  publicUrl?: string;
  /**
   * Origins allowed to call from a browser (CORS), exactly as browsers send them (`https://game.example`); `'*'` only
   * with development auth. @default '*' with development auth, else `[]` (no browser origin)
   */
  corsOrigins?: string[] | '*';
  /** How often the expiry sweep runs, in ms (the timer is unref'd). @default 30000 */
  sweepIntervalMs?: number;
  /** How long idempotency keys are remembered, in ms (the protocol asks for at least 24 h). @default 86400000 */
  idempotencyTtlMs?: number;
  /** Abuse limits: rate limits, caps on held waits, open bills and connections, timeouts, retention. See {@link LimitOptions}. @default every limit at its documented default */
  limits?: LimitOptions;
  /**
   * Events to the game backend (protocol §10): the webhook endpoint, how webhooks are signed, attempt timeout,
   * concurrency and retention. See {@link EventOptions}. @default no webhook: events for `GET /v1/events` only
   */
  events?: EventOptions;
  /**
   * The query fallback (protocol §7): for channels whose driver has `query`, the server asks the channel about each
   * bill still `created` at checkpoints after its creation, and once after its expiry about a bill not paid by then,
   * and applies the answer like a notification — so a notification that never arrives never loses a payment. See
   * {@link QueryOptions}. @default checkpoints 2, 5 and 10 minutes after creation and 1 minute after expiry, 4 queries
   * at once, 10 s each, looked for every 30 s
   */
  query?: QueryOptions;
  /**
   * The admin API (reports, docs/reports.md) and its own credential: `{ keys: ['cak_…'] }`, separate from server keys
   * and player tokens. @default none: no admin API
   */
  admin?: AdminOptions;
  /**
   * More games on this server, by app id (docs/server-config.md "Several games"): each with its own auth, catalog,
   * drivers and webhook endpoint. The options above are the app `"default"`; a credential belongs to one app and
   * reaches that app's bills only. Needs real auth. @default none: one game
   */
  apps?: Record<string, AppOptions>;
  /**
   * The activity log (docs/admin-console.md "The activity log"): each notification, transition with its actor,
   * webhook attempt and admin action, written by the store in batches off the request path. See
   * {@link ActivityOptions}. @default on, written every second, kept 90 days, a random instance id
   */
  activity?: ActivityOptions;
  /** The clock, in ms since epoch. @default Date.now */
  now?: () => number;
  /** Where to log. @default silent */
  logger?: PayServerLogger;
}

/** {@link PayServerOptions} with every default applied and checked. */
export interface ResolvedOptions {
  holdMs: number;
  billTtlMs: number;
  maxBodyBytes: number;
  publicUrl: string | undefined;
  /** The server's CORS list: the top-level `corsOrigins` with every app's added. */
  corsOrigins: CorsOrigins;
  sweepIntervalMs: number;
  idempotencyTtlMs: number;
  catalog: ReadonlyMap<string, CatalogPrice> | undefined;
  limits: ResolvedLimits;
  query: ResolvedQueryOptions;
  now: () => number;
  logger: PayServerLogger;
}

const silent: PayServerLogger = { info() {}, warn() {}, error() {} };

function positive(name: string, value: number | undefined, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  const resolved = value ?? fallback;
  if (typeof resolved !== 'number' || !(resolved > 0) || resolved > max) {
    throw new TypeError(`Invalid ${name}: ${String(value)} (a number above 0 and at most ${max})`);
  }
  return resolved;
}

/** Checks a catalog (`where` names it in messages) and answers it as a map. */
export function checkCatalog(
  catalog: Record<string, CatalogPrice>,
  where = 'catalog',
): ReadonlyMap<string, CatalogPrice> {
  if (typeof catalog !== 'object' || catalog === null || Array.isArray(catalog)) {
    throw new TypeError(`Invalid ${where}: an object of prices by item id`);
  }
  for (const [itemId, price] of Object.entries(catalog)) {
    if (!Number.isSafeInteger(price?.amount) || price.amount < 0 || !/^[A-Z]{3}$/.test(price?.currency)) {
      throw new TypeError(`Invalid ${where} entry ${itemId}: needs { amount: integer ≥ 0, currency: 'USD' }`);
    }
  }
  return new Map(Object.entries(catalog));
}

function checkPublicUrl(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') || parsed.search || parsed.hash) {
    throw new TypeError(`Invalid publicUrl: ${url} (an absolute http(s) URL without query or fragment)`);
  }
  return url.replace(/\/+$/, '');
}

/**
 * Applies the documented defaults; throws a `TypeError` naming the first bad option. `development` says whether the
 * server runs with development auth: only then may CORS be `'*'` and the catalog be missing.
 */
export function resolveOptions(options: Omit<PayServerOptions, 'auth'>, development = true): ResolvedOptions {
  if (!development && options.catalog === undefined) {
    throw new TypeError(
      'Invalid options: catalog is required with real auth — the server prices bills; only development auth takes the client’s amount',
    );
  }
  return {
    holdMs: positive('holdSeconds', options.holdSeconds, MAX_WAIT_SECONDS, MAX_WAIT_SECONDS) * 1000,
    billTtlMs: positive('billTtlMs', options.billTtlMs, 15 * 60_000),
    maxBodyBytes: positive('maxBodyBytes', options.maxBodyBytes, 65_536),
    publicUrl: checkPublicUrl(options.publicUrl),
    corsOrigins: resolveCorsOrigins(options.corsOrigins, development),
    sweepIntervalMs: positive('sweepIntervalMs', options.sweepIntervalMs, 30_000),
    idempotencyTtlMs: positive('idempotencyTtlMs', options.idempotencyTtlMs, 24 * 3_600_000),
    catalog: options.catalog && checkCatalog(options.catalog),
    limits: resolveLimits(options.limits),
    query: resolveQueryOptions(options.query),
    now: options.now ?? Date.now,
    logger: options.logger ?? silent,
  };
}
