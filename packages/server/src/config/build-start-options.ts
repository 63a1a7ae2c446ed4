import type { AuthOptions } from '../auth/auth-options.js';
import type { PayServerLogger } from '../options.js';
import type { StartPayServerOptions } from '../start-pay-server.js';
import { readOrCreateKey } from '../store/secret-files.js';
import { loadChannelEntries, type ChannelPackageImporter } from './channel-packages.js';
import { ConfigError, configError } from './config-error.js';
import { at } from './config-fields.js';
import { buildEvents, type EventsPlan } from './build-events.js';
import { buildStore, type StorePlan } from './build-store.js';
import { buildBus, type BusPlan } from './build-bus.js';
import { buildApps } from './build-apps.js';
import { buildChannels } from './build-channels.js';
import { buildAdminOptions } from '../admin/admin-config.js';
import { CHANNELS, type ChannelRegistry } from './driver-registry.js';
import { assertProductionReady } from './production-rules.js';
import { readSecret, type SecretSource } from './secret-ref.js';
import type { AuthConfig, ServerConfig } from './server-config.js';

/** What building the server from its configuration needs besides the file. */
export interface BuildContext {
  /** The environment secrets are read from. */
  env: Readonly<Record<string, string | undefined>>;
  /** The built-in channels; any other id in `channels` is loaded from `@coinslot/channel-<id>/server`. @default CHANNELS */
  registry?: ChannelRegistry;
  /** Imports a channel package's server entry. @default `import(specifier)`, resolved from @coinslot/server */
  importChannel?: ChannelPackageImporter;
  logger?: PayServerLogger;
}

/** The options to start the server with, and what to tell whoever started it. */
export interface StartPlan {
  options: StartPayServerOptions;
  /** Banners to print on every start (development mode, the sandbox, development auth). */
  banners: string[];
  /** Whether the signing key was created by this start (in `config.keyFile`). */
  keyCreated: boolean;
  /** The webhook endpoint and how it is signed (the `whpk_…` key to give the game backend), if one is set. */
  webhook: EventsPlan['webhook'];
  /** Each other game's webhook endpoint and signing, by app id (those with one). */
  appWebhooks: Record<string, NonNullable<EventsPlan['webhook']>>;
  /** The PostgreSQL store opened for `"store": "postgres"` (in `options.store`): whoever starts the server closes it. */
  database: StorePlan | undefined;
  /** The wake-up bus opened for `"bus": "postgres" | "redis"` (in `options.bus`): whoever starts the server closes it. */
  bus: BusPlan | undefined;
}

/** A game's `auth` (`field` names it: `auth` or `apps.<id>.auth`) with its secrets read. */
export async function buildAuth(
  auth: AuthConfig | undefined,
  source: SecretSource,
  field = 'auth',
): Promise<AuthOptions> {
  if (auth === undefined || auth.development) return { development: true };
  const options: AuthOptions = {};
  if (auth.playerTokens) options.playerTokens = auth.playerTokens;
  if (auth.serverKeys) {
    options.serverKeys = await Promise.all(
      auth.serverKeys.map((ref, index) => readSecret(ref, at(at(field, 'serverKeys'), index), source)),
    );
  }
  if (auth.billTokenSecret !== undefined)
    options.billTokenSecret = await readSecret(auth.billTokenSecret, at(field, 'billTokenSecret'), source);
  if (auth.deliveredBy) options.deliveredBy = auth.deliveredBy;
  return options;
}

/**
 * Turns a checked configuration into {@link StartPayServerOptions}: refuses what production mode does not allow
 * (all problems at once), reads secrets from the environment or files, builds each channel's driver — a built-in
 * one, or the `channelEntry` of `@coinslot/channel-<id>/server` (channel-packages.ts) — and reads or creates the
 * signing key (and the webhook key). Nothing is listening yet.
 */
export async function buildStartOptions(config: ServerConfig, ctx: BuildContext): Promise<StartPlan> {
  const configured = config.channels ?? (config.mode === 'development' ? { sandbox: {} } : {});
  // Every game's channels: the default game's and those of `apps`, each id loaded once.
  const appChannels = Object.values(config.apps ?? {}).flatMap((app) => Object.keys(app.channels));
  const ids = [...new Set([...Object.keys(configured), ...appChannels])];
  const channels = await loadChannelEntries(ids, ctx.registry ?? CHANNELS, ctx.importChannel);
  assertProductionReady(config, channels.registry);
  const source: SecretSource = { mode: config.mode, env: ctx.env, baseDir: config.baseDir };
  const auth = await buildAuth(config.auth, source);
  const development = auth.development === true;
  if (config.corsOrigins === '*' && !development)
    throw configError('corsOrigins', '"*" is allowed with development auth only');
  const corsOrigins = config.corsOrigins ?? (development ? '*' : []);
  const returnUrlOrigins = config.returnUrlOrigins ?? corsOrigins;
  // PostgreSQL keeps the bills; the data dir still keeps the keys and secrets a restart needs.
  const dataDir = config.store === 'memory' ? undefined : config.dataDir;

  // Every channel without an entry (not installed, failing to load, no valid channelEntry), in one error.
  if (channels.problems.length > 0) throw new ConfigError(channels.problems);
  const built = await buildChannels(configured, channels.registry, 'channels', {
    mode: config.mode,
    dataDir,
    returnUrlOrigins,
    env: ctx.env,
    source,
  });
  const { drivers, banners } = built;
  const apps = await buildApps(config, { registry: channels.registry, source, env: ctx.env, dataDir });
  banners.push(...apps.banners);
  if (config.mode === 'development')
    banners.unshift('DEVELOPMENT MODE: not for real money (see docs/server-config.md for production).');
  if (development)
    banners.push('DEVELOPMENT AUTH: any caller acts for any player (userId is taken from the request body).');

  let key: Awaited<ReturnType<typeof readOrCreateKey>>;
  try {
    key = await readOrCreateKey(config.keyFile);
  } catch (error) {
    throw configError('keyFile', (error as Error).message);
  }
  const events = await buildEvents(config, source);
  const admin = await buildAdminOptions(config.admin, source);
  const database = await buildStore(config, source, ctx.logger); // nothing after it throws but the bus, which closes it
  const bus = await buildBus(config, source, database?.store.schema, ctx.logger).catch(async (error: unknown) => {
    await database?.store.close();
    throw error;
  });
  const options: StartPayServerOptions = {
    auth,
    port: config.port,
    host: config.host,
    dataDir,
    signingKey: key.key,
    catalog: config.catalog,
    publicUrl: config.publicUrl,
    corsOrigins,
    drivers,
    ...(apps.options ? { apps: apps.options } : {}),
    limits: config.limits,
    events: events.options,
    query: config.query,
    activity: config.activity,
  };
  if (database) options.store = database.store;
  if (bus) options.bus = bus.bus;
  if (admin) options.admin = admin;
  if (ctx.logger) options.logger = ctx.logger;
  return {
    options,
    banners,
    keyCreated: key.created,
    webhook: events.webhook,
    appWebhooks: apps.webhooks,
    database,
    bus,
  };
}
