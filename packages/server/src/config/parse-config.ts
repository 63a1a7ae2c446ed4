import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { isOrigin } from '../http/cors.js';
import type { CatalogPrice } from '../options.js';
import { configError } from './config-error.js';
import {
  at,
  has,
  isObject,
  objectAt,
  optionalInteger,
  optionalList,
  optionalOneOf,
  optionalString,
  rejectUnknown,
  type Raw,
} from './config-fields.js';
import { parseLimits } from './limits-config.js';
import { parseEventsConfig } from './events-config.js';
import { parseQueryConfig } from './query-config.js';
import { parseAuthConfig } from './parse-auth-config.js';
import { parseStoreConfig } from './database-config.js';
import { parseBusConfig } from './bus-config.js';
import { parseAdminConfig } from '../admin/admin-config.js';
import type { ServerConfig } from './server-config.js';

/** Every top-level setting of the configuration file (docs/server-config.md). */
export const CONFIG_FIELDS = [
  'mode',
  'publicUrl',
  'port',
  'host',
  'dataDir',
  'keyFile',
  'store',
  'database',
  'bus',
  'catalog',
  'auth',
  'corsOrigins',
  'returnUrlOrigins',
  'channels',
  'limits',
  'events',
  'query',
  'admin',
] as const;

function parsePublicUrl(raw: Raw): string | undefined {
  const url = optionalString(raw, 'publicUrl', '');
  if (url === undefined) return undefined;
  const parsed = URL.canParse(url) ? new URL(url) : undefined;
  if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') || parsed.search || parsed.hash) {
    throw configError(
      'publicUrl',
      'must be an absolute https URL without query or fragment, e.g. https://pay.example.com',
    );
  }
  return url.replace(/\/+$/, '');
}

function checkPrices(catalog: Raw, field: string): Record<string, CatalogPrice> {
  for (const [itemId, price] of Object.entries(catalog)) {
    const entry = objectAt(price, at(field, itemId));
    rejectUnknown(entry, at(field, itemId), ['amount', 'currency']);
    if (!Number.isSafeInteger(entry.amount) || (entry.amount as number) < 0) {
      throw configError(
        at(at(field, itemId), 'amount'),
        'must be an integer ≥ 0 (the price of ONE item in minor units)',
      );
    }
    if (typeof entry.currency !== 'string' || !/^[A-Z]{3}$/.test(entry.currency)) {
      throw configError(at(at(field, itemId), 'currency'), 'must be an ISO 4217 code such as "USD"');
    }
  }
  return catalog as Record<string, CatalogPrice>;
}

/** `catalog`: prices inline, or the path of a JSON file holding them. */
async function parseCatalog(raw: Raw, baseDir: string): Promise<Record<string, CatalogPrice> | undefined> {
  if (!has(raw, 'catalog')) return undefined;
  const value = raw.catalog;
  if (typeof value !== 'string') return checkPrices(objectAt(value, 'catalog'), 'catalog');
  const path = resolve(baseDir, value);
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw configError('catalog', `cannot read prices from ${path}: ${(error as Error).message}`);
  }
  if (!isObject(parsed)) throw configError('catalog', `${path} must hold a JSON object of prices by item id`);
  return checkPrices(parsed, `catalog (${path})`);
}

function parseChannels(raw: Raw): Record<string, Raw> | undefined {
  if (!has(raw, 'channels')) return undefined;
  const channels = objectAt(raw.channels, 'channels');
  for (const [id, options] of Object.entries(channels)) objectAt(options, at('channels', id));
  return channels as Record<string, Raw>;
}

/**
 * Checks a parsed configuration file; the first problem throws a `ConfigError` naming its field. Relative paths
 * (`dataDir`, `keyFile`, a catalog file, secret files) are taken from `baseDir`, the configuration file's folder.
 * What production mode refuses is checked afterwards (production-rules.ts), all at once.
 */
export async function parseConfig(value: unknown, baseDir: string): Promise<ServerConfig> {
  const raw = objectAt(value, 'the configuration');
  rejectUnknown(raw, '', CONFIG_FIELDS);
  const storage = parseStoreConfig(raw);
  const origins = (key: string) =>
    optionalList(raw, key, '', isOrigin, 'an origin such as "https://game.example" (no path, no trailing slash)');
  return {
    mode: optionalOneOf(raw, 'mode', '', ['production', 'development'] as const) ?? 'production',
    publicUrl: parsePublicUrl(raw),
    port: optionalInteger(raw, 'port', '', 0, 65_535) ?? 8787,
    host: optionalString(raw, 'host', '') ?? '127.0.0.1',
    dataDir: resolve(baseDir, optionalString(raw, 'dataDir', '') ?? '.coinslot/data'),
    keyFile: resolve(baseDir, optionalString(raw, 'keyFile', '') ?? '.coinslot/server-key.json'),
    ...storage,
    bus: parseBusConfig(raw.bus, storage.store),
    catalog: await parseCatalog(raw, baseDir),
    auth: has(raw, 'auth') ? await parseAuthConfig(raw.auth, baseDir) : undefined,
    corsOrigins: origins('corsOrigins'),
    returnUrlOrigins: origins('returnUrlOrigins'),
    channels: parseChannels(raw),
    limits: parseLimits(raw.limits),
    events: parseEventsConfig(raw.events),
    query: parseQueryConfig(raw.query),
    admin: parseAdminConfig(raw.admin),
    baseDir,
  };
}
