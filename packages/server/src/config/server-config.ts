import type { JSONWebKeySet } from 'jose';
import type { AdminConfig } from '../admin/admin-config.js';
import type { ActivityOptions } from '../activity/activity-options.js';
import type { QueryOptions } from '../bills/query-options.js';
import type { CatalogPrice } from '../options.js';
import type { Raw } from './config-fields.js';
import type { BusConfig } from './bus-config.js';
import type { DatabaseConfig, StoreKind } from './database-config.js';
import type { EventsConfig } from './events-config.js';
import type { LimitsConfig } from './limits-config.js';

/**
 * `production` (the default) refuses to start without a public https URL, a catalog, real auth, an explicit CORS
 * list and real channels; `development` allows the sandbox and development auth, with a banner on every start.
 */
export type ServerMode = 'production' | 'development';

/** `auth` of the configuration file, checked; secrets are still references, read when the server is built. */
export interface AuthConfig {
  /** Trust the body's `userId` (development mode only). */
  development: boolean;
  /** Player tokens: `issuer`, `audience`, and `jwksUrl` or `publicKeys` (a JWKS, inline or `{ "file" }`). */
  playerTokens?: {
    issuer: string;
    audience: string;
    jwksUrl?: string;
    publicKeys?: JSONWebKeySet;
    algorithms?: string[];
    maxLifetimeSeconds?: number;
    clockToleranceSeconds?: number;
    countryClaim?: string;
  };
  /** The game backend's `csk_…` keys, each a secret reference. */
  serverKeys?: unknown[];
  /** The secret bill tokens derive from (a secret reference). @default one kept in the data dir */
  billTokenSecret?: unknown;
  /** Who may mark a bill delivered. @default 'player' */
  deliveredBy?: 'player' | 'server';
}

/**
 * One more game in `apps` of the configuration file (docs/server-config.md "Several games"): what the top-level
 * settings are for the default game, for this one.
 */
export interface AppConfig {
  /** Prices by item id (required), read from the file when the setting was a path. */
  catalog: Record<string, CatalogPrice>;
  /** Real auth (player tokens and/or server keys); `development` and `billTokenSecret` are the server's. */
  auth: AuthConfig;
  /** Channel options by driver id, with this game's merchant credentials. */
  channels: Record<string, Raw>;
  /** This game's webhook endpoint and its signing (`webhookUrl`, `secret`). @default pull only */
  events: Pick<EventsConfig, 'webhookUrl' | 'secret'>;
  /** This game's browser origins, added to the server's CORS list. @default none */
  corsOrigins: string[] | undefined;
  /** Where this game's checkouts may send the player back to. @default its corsOrigins */
  returnUrlOrigins: string[] | undefined;
}

/** The configuration file (`coinslot-server --config coinslot.config.json`), checked, with paths made absolute. */
export interface ServerConfig {
  mode: ServerMode;
  /** The public base URL (https in production); launch URLs are built from it. @default the request's origin (development) */
  publicUrl: string | undefined;
  /** @default 8787 */
  port: number;
  /** @default '127.0.0.1' */
  host: string;
  /** Bills (SQLite), the bill token secret and the sandbox secret. @default '.coinslot/data' */
  dataDir: string;
  /** The private result-signing key (JWK), created 0600 on first start. @default '.coinslot/server-key.json' */
  keyFile: string;
  /** @default 'postgres' when `database` is set, else 'sqlite' */
  store: StoreKind;
  /** The PostgreSQL store's URL and settings (`"store": "postgres"`). */
  database: DatabaseConfig | undefined;
  /** The wake-up bus between instances. @default 'postgres' with the PostgreSQL store, else 'in-process' */
  bus: BusConfig;
  /** Prices by item id, read from the file when the setting was a path. */
  catalog: Record<string, CatalogPrice> | undefined;
  /** Absent: development auth (development mode only). */
  auth: AuthConfig | undefined;
  /** @default '*' with development auth, else none */
  corsOrigins: string[] | '*' | undefined;
  /** @default corsOrigins */
  returnUrlOrigins: string[] | '*' | undefined;
  /** Channel options by driver id (driver-registry.ts). @default { sandbox: {} } in development */
  channels: Record<string, Raw> | undefined;
  limits: LimitsConfig;
  /** Events to the game backend: the webhook endpoint, its signing, timeout, concurrency, retention. @default pull only */
  events: EventsConfig;
  /** The query fallback's checkpoints, concurrency and timeout (`PayServerOptions.query`). @default its defaults */
  query: QueryOptions;
  /** The activity log's instance id, write interval and retention (`PayServerOptions.activity`). @default its defaults */
  activity: ActivityOptions;
  /** The admin API's keys (docs/server-config.md "Admin API"). @default none: no admin API */
  admin: AdminConfig | undefined;
  /** More games by app id; the top-level settings are the game `"default"`. @default none: one game */
  apps: Record<string, AppConfig> | undefined;
  /** The folder relative secret files are read from (the configuration file's). */
  baseDir: string;
}
