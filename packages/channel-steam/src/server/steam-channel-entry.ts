import type { ChannelEntry } from '@coinslot/server';
import { createSteamDriver } from './create-steam-driver.js';
import { createFileSteamState } from './file-steam-state.js';
import { createMemorySteamState } from './steam-driver-state.js';
import type { SteamDriverOptions, SteamReversalOptions } from './steam-driver-options.js';
import type { SteamItems } from './steam-items.js';

type Raw = Record<string, unknown>;

const isObject = (value: unknown): value is Raw => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A configuration problem as the pay server's CLI reports its own (`name` `ConfigError`, one `{ field, message }`):
 * the CLI passes it on as is instead of wrapping it ("the channel could not be built").
 */
class SteamConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly problems: ReadonlyArray<{ field: string; message: string }>;
  constructor(field: string, message: string) {
    super(`${field}: ${message}`);
    this.problems = [{ field, message }];
  }
}

function problem(field: string, message: string): never {
  throw new SteamConfigError(field, message);
}

function allowOnly(raw: Raw, field: string, allowed: readonly string[]): void {
  const unknown = Object.keys(raw).find((key) => !allowed.includes(key));
  if (unknown !== undefined) problem(`${field}.${unknown}`, `is not a setting here (known: ${allowed.join(', ')})`);
}

/**
 * `channels.steam` in the pay server's configuration file:
 *
 * ```json
 * "steam": {
 *   "publisherKey": { "env": "STEAM_PUBLISHER_KEY" },
 *   "appId": 480,
 *   "sandbox": false,
 *   "items": { "coins-550": { "itemId": 1002, "description": "Chest of coins" } },
 *   "reversals": { "reportType": "GAMESALES", "lookbackDays": 30, "pollToken": { "env": "STEAM_POLL_TOKEN" } }
 * }
 * ```
 *
 * Secrets (`publisherKey`, `reversals.pollToken`) are references read with `ctx.secret`. With a data dir the driver
 * keeps its order → bill records and the report cursor there (`steam-orders.jsonl`, `steam-report-cursor`); without
 * one (the memory store) in memory. `sandbox: true` (ISteamMicroTxnSandbox) is refused in production mode.
 */
export const channelEntry: ChannelEntry = {
  description: 'Steam microtransactions (ISteamMicroTxn: InitTxn → the overlay → FinalizeTxn; refunds from GetReport)',
  production: true,
  async create(options, ctx) {
    const field = ctx.field;
    allowOnly(options, field, ['publisherKey', 'appId', 'sandbox', 'apiUrl', 'items', 'reversals']);
    if (options.publisherKey === undefined) problem(`${field}.publisherKey`, 'is required (a secret reference)');
    const sandbox = options.sandbox ?? false;
    if (typeof sandbox !== 'boolean') problem(`${field}.sandbox`, 'must be true or false');
    if (sandbox && ctx.mode === 'production')
      problem(`${field}.sandbox`, 'ISteamMicroTxnSandbox moves no money: not in production mode');
    if (options.apiUrl !== undefined && typeof options.apiUrl !== 'string') problem(`${field}.apiUrl`, 'must be a URL');
    if (options.items !== undefined && !isObject(options.items)) problem(`${field}.items`, 'must be a JSON object');
    const reversals = options.reversals ?? {};
    if (!isObject(reversals)) problem(`${field}.reversals`, 'must be a JSON object');
    allowOnly(reversals, `${field}.reversals`, ['reportType', 'maxResults', 'lookbackDays', 'pollToken']);
    const { lookbackDays, pollToken, ...rest } = reversals;
    if (lookbackDays !== undefined && !(Number.isSafeInteger(lookbackDays) && (lookbackDays as number) > 0))
      problem(`${field}.reversals.lookbackDays`, 'must be a positive integer');
    const driverOptions: SteamDriverOptions = {
      publisherKey: await ctx.secret(options.publisherKey, 'publisherKey'),
      appId: options.appId as number,
      sandbox,
      ...(options.apiUrl === undefined ? {} : { apiUrl: options.apiUrl as string }),
      items: (options.items ?? {}) as SteamItems,
      state: ctx.dataDir === undefined ? createMemorySteamState() : createFileSteamState(ctx.dataDir),
      reversals: {
        ...(rest as SteamReversalOptions),
        ...(lookbackDays === undefined ? {} : { lookbackMs: (lookbackDays as number) * 86_400_000 }),
        ...(pollToken === undefined ? {} : { pollToken: await ctx.secret(pollToken, 'reversals.pollToken') }),
      },
    };
    try {
      return createSteamDriver(driverOptions);
    } catch (error) {
      // createSteamDriver names the option; say it as the configuration field.
      problem(field, (error as Error).message.replace('createSteamDriver: ', ''));
    }
  },
};
