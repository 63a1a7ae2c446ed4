import { APP_ID, CHANNEL_ID, DEFAULT_APP_ID, isAppId, isChannelId } from '@coinslot/protocol';
import { resolveAuth, type ResolvedAuth } from '../auth/auth-options.js';
import type { ChannelDriver } from '../drivers/channel-driver.js';
import { resolveCorsOrigins, type CorsOrigins } from '../http/cors.js';
import { checkCatalog, type ResolvedOptions } from '../options.js';
import type { App } from './app.js';
import type { AppOptions } from './app-options.js';

/** Drivers by id, each id valid and used once. */
export function driverMap(drivers: readonly ChannelDriver[], where = 'drivers'): Map<string, ChannelDriver> {
  if (!Array.isArray(drivers)) throw new TypeError(`Invalid ${where}: an array of channel drivers`);
  const map = new Map<string, ChannelDriver>();
  for (const driver of drivers) {
    if (!isChannelId(driver.id)) throw new TypeError(`Invalid driver id ${driver.id}: needs ${CHANNEL_ID}`);
    if (map.has(driver.id))
      throw new TypeError(`Two drivers have the id ${driver.id}${where === 'drivers' ? '' : ` in ${where}`}`);
    map.set(driver.id, driver);
  }
  return map;
}

async function resolveApp(id: string, options: AppOptions): Promise<App> {
  const where = `apps.${id}`;
  if (!isAppId(id) || id === DEFAULT_APP_ID) {
    throw new TypeError(
      `Invalid app id ${JSON.stringify(id)}: needs ${APP_ID}, and "default" is the top-level options`,
    );
  }
  if (typeof options !== 'object' || options === null) throw new TypeError(`Invalid ${where}: an object`);
  const auth = options.auth as Record<string, unknown> | undefined;
  if (auth && ('development' in auth || 'billTokenSecret' in auth)) {
    throw new TypeError(
      `Invalid ${where}.auth: development and billTokenSecret are the server's (top-level auth only)`,
    );
  }
  if (options.catalog === undefined)
    throw new TypeError(`Invalid ${where}: catalog is required (the server prices bills)`);
  if (options.drivers === undefined) throw new TypeError(`Invalid ${where}: drivers is required`);
  const resolved = await resolveAuth(options.auth).catch((error: Error) => {
    throw new TypeError(`Invalid ${where}: ${error.message}`);
  });
  return {
    id,
    auth: resolved,
    catalog: checkCatalog(options.catalog, `${where}.catalog`),
    drivers: driverMap(options.drivers, `${where}.drivers`),
  };
}

/** Refuses a server key two apps list, or a player-token issuer and audience two apps take (a credential, one app). */
function checkUnique(apps: readonly App[], keysOf: (app: App) => readonly string[]): void {
  const keyOwner = new Map<string, string>();
  const tokenOwner = new Map<string, string>();
  for (const app of apps) {
    for (const key of keysOf(app)) {
      const other = keyOwner.get(key);
      if (other !== undefined && other !== app.id)
        throw new TypeError(`Invalid apps: apps ${other} and ${app.id} share a server key (a key belongs to one game)`);
      keyOwner.set(key, app.id);
    }
    const tokens = app.auth.playerTokens;
    if (!tokens) continue;
    const pair = JSON.stringify([tokens.issuer, tokens.audience]);
    const other = tokenOwner.get(pair);
    if (other !== undefined) {
      throw new TypeError(
        `Invalid apps: apps ${other} and ${app.id} take player tokens of one issuer and audience (${tokens.issuer}, ${tokens.audience}): give each game its own audience or issuer`,
      );
    }
    tokenOwner.set(pair, app.id);
  }
}

/** What {@link resolveApps} builds: every app, the default first, and the server's CORS list with theirs added. */
export interface ResolvedApps {
  apps: App[];
  corsOrigins: CorsOrigins;
}

/**
 * The default app (the top-level options, already resolved) and `apps`, checked: ids by the protocol's rules, each
 * app with real auth, a catalog and its drivers, no server key or player-token issuer+audience shared by two apps.
 */
export async function resolveApps(
  defaultApp: { auth: ResolvedAuth; serverKeys: readonly string[]; drivers: readonly ChannelDriver[] },
  resolved: ResolvedOptions,
  apps: Record<string, AppOptions> | undefined,
): Promise<ResolvedApps> {
  const first: App = {
    id: DEFAULT_APP_ID,
    auth: defaultApp.auth,
    catalog: resolved.catalog,
    drivers: driverMap(defaultApp.drivers),
  };
  if (apps === undefined) return { apps: [first], corsOrigins: resolved.corsOrigins };
  if (typeof apps !== 'object' || apps === null || Array.isArray(apps))
    throw new TypeError('Invalid apps: an object of app options by app id');
  if (defaultApp.auth.development)
    throw new TypeError('Invalid apps: development auth runs one game (it trusts request bodies); give real auth');
  const others = await Promise.all(Object.entries(apps).map(([id, options]) => resolveApp(id, options)));
  const all = [first, ...others];
  checkUnique(all, (app) => (app === first ? defaultApp.serverKeys : (apps[app.id]!.auth.serverKeys ?? [])));
  const extra = Object.entries(apps).flatMap(([id, options]) => {
    const origins = resolveCorsOrigins(options.corsOrigins ?? [], false);
    if (origins === '*') throw new TypeError(`Invalid apps.${id}.corsOrigins: a list of origins`);
    return origins;
  });
  const base = resolved.corsOrigins;
  return { apps: all, corsOrigins: base === '*' ? base : [...new Set([...base, ...extra])] };
}
