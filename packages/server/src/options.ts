import { MAX_WAIT_SECONDS } from '@coinslot/protocol';
import type { AuthOptions } from './auth/auth-options.js';
import type { ChannelDriver } from './drivers/channel-driver.js';
import type { CorsOrigins } from './http/cors.js';
import type { SigningKey } from './signing/signing-key.js';
import type { BillStore } from './store/bill-store.js';

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
  /** The private ES256 (P-256) JWK that signs results, with its `kid`. @default a key generated in memory (clients must then fetch `GET /v1/keys` after every restart) */
  signingKey?: SigningKey;
  /** Prices by item id. When given, a bill for an unknown item or with another amount or currency is refused with `AMOUNT_MISMATCH`. @default no price check */
  catalog?: Record<string, CatalogPrice>;
  /** The channel drivers. @default [createSandboxDriver()] */
  drivers?: ChannelDriver[];
  /** The longest a held wait is held, in seconds (0 < s ≤ 25). @default 25 */
  holdSeconds?: number;
  /** How long a new bill may wait to be paid: `expiresAt = createdAt + billTtlMs`. @default 900000 (15 minutes) */
  billTtlMs?: number;
  /** The request body limit in bytes. @default 65536 */
  maxBodyBytes?: number;
  /** The server's public base URL for launch payload URLs (e.g. behind a proxy). @default the request's own origin */
  publicUrl?: string;
  /** Origins allowed to call from a browser (CORS), or `'*'`. @default '*' */
  corsOrigins?: string[] | '*';
  /** How often the expiry sweep runs, in ms (the timer is unref'd). @default 30000 */
  sweepIntervalMs?: number;
  /** How long idempotency keys are remembered, in ms (the protocol asks for at least 24 h). @default 86400000 */
  idempotencyTtlMs?: number;
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
  corsOrigins: CorsOrigins;
  sweepIntervalMs: number;
  idempotencyTtlMs: number;
  catalog: ReadonlyMap<string, CatalogPrice> | undefined;
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

function checkCatalog(catalog: Record<string, CatalogPrice>): ReadonlyMap<string, CatalogPrice> {
  for (const [itemId, price] of Object.entries(catalog)) {
    if (!Number.isSafeInteger(price?.amount) || price.amount < 0 || !/^[A-Z]{3}$/.test(price?.currency)) {
      throw new TypeError(`Invalid catalog entry ${itemId}: needs { amount: integer ≥ 0, currency: 'USD' }`);
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

/** Applies the documented defaults; throws a `TypeError` naming the first bad option. */
export function resolveOptions(options: Omit<PayServerOptions, 'auth'>): ResolvedOptions {
  return {
    holdMs: positive('holdSeconds', options.holdSeconds, MAX_WAIT_SECONDS, MAX_WAIT_SECONDS) * 1000,
    billTtlMs: positive('billTtlMs', options.billTtlMs, 15 * 60_000),
    maxBodyBytes: positive('maxBodyBytes', options.maxBodyBytes, 65_536),
    publicUrl: checkPublicUrl(options.publicUrl),
    corsOrigins: options.corsOrigins ?? '*',
    sweepIntervalMs: positive('sweepIntervalMs', options.sweepIntervalMs, 30_000),
    idempotencyTtlMs: positive('idempotencyTtlMs', options.idempotencyTtlMs, 24 * 3_600_000),
    catalog: options.catalog && checkCatalog(options.catalog),
    now: options.now ?? Date.now,
    logger: options.logger ?? silent,
  };
}
