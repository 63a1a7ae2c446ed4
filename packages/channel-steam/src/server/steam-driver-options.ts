import type { SteamDriverState } from './steam-driver-state.js';
import { isSteamItemId, type SteamItems } from './steam-items.js';

/** How the driver finds refunds and chargebacks (Steam pushes nothing: they are read from GetReport). */
export interface SteamReversalOptions {
  /** GetReport's `type`: `GAMESALES` (every InitTxn order), or `CHARGEBACK` (reversed ones only). @default 'GAMESALES' */
  reportType?: 'GAMESALES' | 'CHARGEBACK';
  /** GetReport's `maxresults` per poll (Steam: at most 50000; 1000–10000 recommended). @default 1000 */
  maxResults?: number;
  /** Where the first poll starts without a saved cursor, in ms before now. @default 2592000000 (30 days) */
  lookbackMs?: number;
  /**
   * The bearer token of `POST /v1/steam/reversals/poll` (secret, ≥ 16 characters), for a scheduler (cron) that runs
   * a poll through the pay server. @default none: the route does not exist; call `driver.pollReversals()` instead
   */
  pollToken?: string;
}

/** Options of `createSteamDriver`. Secrets: `publisherKey` and `reversals.pollToken`. */
export interface SteamDriverOptions {
  /** The publisher Web API key with Microtransaction permissions (secret: it moves money; server only). */
  publisherKey: string;
  /** The game's Steam App ID (InitTxn's `appid`). */
  appId: number;
  /** Use `ISteamMicroTxnSandbox` (Steam's test interface, no money moves) instead of `ISteamMicroTxn`. @default false */
  sandbox?: boolean;
  /** The base URL of Steam's partner Web API (an emulator's in tests). @default 'https://partner.steam-api.com' */
  apiUrl?: string;
  /** The game's items as Steam shows them, by the bill's `itemId`. @default {} (item ids that are uint32 numbers only) */
  items?: SteamItems;
  /** Where the driver records which bill each order is, and the reversal poll's cursor. @default in memory */
  state?: SteamDriverState;
  /** How refunds and chargebacks are found. */
  reversals?: SteamReversalOptions;
  /**
   * How long to wait before asking Steam once more about an order a proof says is authorized while Steam still shows
   * it `Init` (the callback can outrun Steam's web API), in ms; `0`: refuse at once. @default 1000
   */
  authorizationRecheckMs?: number;
  /** How far a notice's `issuedAt` may be from the server's clock, in ms. @default 300000 (5 minutes) */
  noticeWindowMs?: number;
  /** How long one Steam call may take, in ms. @default 10000 */
  timeoutMs?: number;
  /** @default globalThis.fetch */
  fetch?: typeof fetch;
}

function fail(option: string, wants: string): never {
  throw new TypeError(`createSteamDriver: ${option} ${wants}`);
}

const positive = (value: unknown) => value === undefined || (Number.isSafeInteger(value) && (value as number) > 0);

/** Checks the options at start-up; a `TypeError` names the option, never a secret's value. */
export function checkSteamDriverOptions(options: SteamDriverOptions): void {
  if (typeof options !== 'object' || options === null) fail('options', 'must be an object');
  if (typeof options.publisherKey !== 'string' || options.publisherKey.trim().length < 16)
    fail('publisherKey', 'must be the publisher Web API key (a string of at least 16 characters)');
  if (!Number.isSafeInteger(options.appId) || options.appId <= 0 || options.appId > 4_294_967_295)
    fail('appId', 'must be the game’s Steam App ID (a positive 32-bit integer)');
  if (options.apiUrl !== undefined && !/^https?:\/\/[^/]+\/?$/.test(options.apiUrl))
    fail('apiUrl', 'must be an http(s) origin such as https://partner.steam-api.com');
  for (const [itemId, item] of Object.entries(options.items ?? {})) {
    if (!isSteamItemId(item?.itemId)) fail(`items["${itemId}"].itemId`, 'must be an integer from 0 to 4294967295');
    if (item.description !== undefined && (typeof item.description !== 'string' || item.description === ''))
      fail(`items["${itemId}"].description`, 'must be a non-empty string');
  }
  const reversals = options.reversals ?? {};
  if (reversals.reportType !== undefined && !['GAMESALES', 'CHARGEBACK'].includes(reversals.reportType))
    fail('reversals.reportType', 'must be "GAMESALES" or "CHARGEBACK"');
  if (!positive(reversals.maxResults) || (reversals.maxResults ?? 0) > 50_000)
    fail('reversals.maxResults', 'must be an integer from 1 to 50000');
  if (!positive(reversals.lookbackMs)) fail('reversals.lookbackMs', 'must be a positive integer of ms');
  if (reversals.pollToken !== undefined && (typeof reversals.pollToken !== 'string' || reversals.pollToken.length < 16))
    fail('reversals.pollToken', 'must be a string of at least 16 characters');
  const recheck = options.authorizationRecheckMs;
  if (recheck !== undefined && !(Number.isSafeInteger(recheck) && recheck >= 0 && recheck <= 30_000))
    fail('authorizationRecheckMs', 'must be an integer of ms from 0 to 30000');
  if (!positive(options.noticeWindowMs)) fail('noticeWindowMs', 'must be a positive integer of ms');
  if (!positive(options.timeoutMs)) fail('timeoutMs', 'must be a positive integer of ms');
}
