import { join } from 'node:path';
import type { AppOptions } from '../apps/app-options.js';
import { buildAuth } from './build-start-options.js';
import { buildChannels } from './build-channels.js';
import { buildEvents, type EventsPlan } from './build-events.js';
import { at } from './config-fields.js';
import type { ChannelRegistry } from './driver-registry.js';
import { SANDBOX_SECRET_ENV } from './sandbox-channel.js';
import type { SecretSource } from './secret-ref.js';
import type { ServerConfig } from './server-config.js';

/** The other games' options, their banners, and each one's webhook (to tell whoever started the server). */
export interface AppsPlan {
  options: Record<string, AppOptions> | undefined;
  banners: string[];
  webhooks: Record<string, NonNullable<EventsPlan['webhook']>>;
}

/**
 * Builds `apps` of the configuration: each game's auth (secrets read), drivers and webhook signing. A game keeps what
 * its channels and webhooks generate (a sandbox secret, an Ed25519 webhook key) in `<dataDir>/apps/<id>/`, and its
 * sandbox never takes `$COINSLOT_SANDBOX_SECRET` (that is the default game's): two games' sandboxes never share a
 * secret unless their settings say so.
 */
export async function buildApps(
  config: ServerConfig,
  ctx: {
    registry: ChannelRegistry;
    source: SecretSource;
    env: Readonly<Record<string, string | undefined>>;
    dataDir: string | undefined;
  },
): Promise<AppsPlan> {
  const plan: AppsPlan = { options: undefined, banners: [], webhooks: {} };
  const { [SANDBOX_SECRET_ENV]: _defaultGames, ...env } = ctx.env;
  for (const [id, app] of Object.entries(config.apps ?? {})) {
    const field = at('apps', id);
    const dataDir = ctx.dataDir && join(ctx.dataDir, 'apps', id);
    const channels = await buildChannels(app.channels, ctx.registry, at(field, 'channels'), {
      mode: config.mode,
      dataDir,
      returnUrlOrigins: app.returnUrlOrigins ?? app.corsOrigins ?? [],
      env,
      source: ctx.source,
    });
    plan.banners.push(...channels.banners.map((banner) => `${banner} (game ${id})`));
    const events = await buildEvents(
      { ...config, events: app.events, dataDir: join(config.dataDir, 'apps', id) },
      ctx.source,
    );
    if (events.webhook) plan.webhooks[id] = events.webhook;
    plan.options ??= {};
    plan.options[id] = {
      auth: await buildAuth(app.auth, ctx.source, at(field, 'auth')),
      catalog: app.catalog,
      drivers: channels.drivers,
      events: events.options,
      ...(app.corsOrigins ? { corsOrigins: app.corsOrigins } : {}),
    };
  }
  return plan;
}
