import { APP_ID, DEFAULT_APP_ID, isAppId } from '@coinslot/protocol';
import { isOrigin } from '../http/cors.js';
import { parseCatalog, parseChannels } from './catalog-config.js';
import { configError } from './config-error.js';
import { at, has, objectAt, optionalList, rejectUnknown } from './config-fields.js';
import { parseEventsConfig } from './events-config.js';
import { parseAuthConfig } from './parse-auth-config.js';
import type { AppConfig } from './server-config.js';

const APP_FIELDS = ['catalog', 'auth', 'channels', 'events', 'corsOrigins', 'returnUrlOrigins'];

async function parseApp(value: unknown, baseDir: string, field: string): Promise<AppConfig> {
  const raw = objectAt(value, field);
  rejectUnknown(raw, field, APP_FIELDS);
  for (const required of ['catalog', 'auth', 'channels']) {
    if (!has(raw, required)) throw configError(at(field, required), 'is required for every game in apps');
  }
  const auth = await parseAuthConfig(raw.auth, baseDir, at(field, 'auth'));
  if (auth.development || auth.billTokenSecret !== undefined) {
    throw configError(
      at(field, 'auth'),
      'development and billTokenSecret are the server’s: set them in the top-level auth',
    );
  }
  const events = parseEventsConfig(raw.events, at(field, 'events'));
  const extra = Object.keys(events).filter((key) => key !== 'webhookUrl' && key !== 'secret');
  if (extra.length > 0) {
    throw configError(
      at(at(field, 'events'), extra[0]!),
      'is the server’s: set it in the top-level events (a game sets webhookUrl and secret)',
    );
  }
  const origins = (key: string) =>
    optionalList(raw, key, field, isOrigin, 'an origin such as "https://game.example" (no path, no trailing slash)');
  const corsOrigins = origins('corsOrigins');
  const returnUrlOrigins = origins('returnUrlOrigins');
  if (corsOrigins === '*' || returnUrlOrigins === '*')
    throw configError(at(field, corsOrigins === '*' ? 'corsOrigins' : 'returnUrlOrigins'), 'must list origins');
  return {
    catalog: (await parseCatalog(raw.catalog, baseDir, at(field, 'catalog')))!,
    auth,
    channels: parseChannels(raw.channels, at(field, 'channels'))!,
    events,
    corsOrigins,
    returnUrlOrigins,
  };
}

/** `apps` of the configuration file: more games by app id (`APP_ID`, not "default"), each checked. */
export async function parseAppsConfig(value: unknown, baseDir: string): Promise<Record<string, AppConfig> | undefined> {
  if (value === undefined) return undefined;
  const raw = objectAt(value, 'apps');
  const apps: Record<string, AppConfig> = {};
  for (const [id, app] of Object.entries(raw)) {
    if (!isAppId(id) || id === DEFAULT_APP_ID) {
      throw configError(at('apps', id), `is not an app id: ${APP_ID} ("default" is the top-level settings)`);
    }
    apps[id] = await parseApp(app, baseDir, at('apps', id));
  }
  return apps;
}
