import { resolve } from 'node:path';
import { isOrigin } from '../http/cors.js';
import { configError } from './config-error.js';
import {
  has,
  objectAt,
  optionalInteger,
  optionalList,
  optionalOneOf,
  optionalString,
  rejectUnknown,
  type Raw,
} from './config-fields.js';
import { parseLimits } from './limits-config.js';
import { parseActivityConfig } from './activity-config.js';
import { parseEventsConfig } from './events-config.js';
import { parseQueryConfig } from './query-config.js';
import { parseAuthConfig } from './parse-auth-config.js';
import { parseStoreConfig } from './database-config.js';
import { parseBusConfig } from './bus-config.js';
import { parseAdminConfig } from '../admin/admin-config.js';
import type { ServerConfig } from './server-config.js';
import { parseAppsConfig } from './apps-config.js';
import { parseCatalog, parseChannels } from './catalog-config.js';

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
  'activity',
  'admin',
  'apps',
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
    catalog: await parseCatalog(raw.catalog, baseDir, 'catalog'),
    auth: has(raw, 'auth') ? await parseAuthConfig(raw.auth, baseDir) : undefined,
    corsOrigins: origins('corsOrigins'),
    returnUrlOrigins: origins('returnUrlOrigins'),
    channels: parseChannels(raw.channels, 'channels'),
    apps: await parseAppsConfig(raw.apps, baseDir),
    limits: parseLimits(raw.limits),
    events: parseEventsConfig(raw.events),
    query: parseQueryConfig(raw.query),
    activity: parseActivityConfig(raw.activity),
    admin: parseAdminConfig(raw.admin),
    baseDir,
  };
}
