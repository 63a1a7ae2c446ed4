import type { WakeBus } from '../bus/wake-bus.js';
import { PostgresWakeBus } from '../bus/postgres/postgres-wake-bus.js';
import { RedisWakeBus } from '../bus/redis/redis-wake-bus.js';
import type { PayServerLogger } from '../options.js';
import { configError } from './config-error.js';
import { at } from './config-fields.js';
import { readSecret, type SecretSource } from './secret-ref.js';
import type { ServerConfig } from './server-config.js';

/** The bus a configuration names, opened, and what to tell whoever started the server. */
export interface BusPlan {
  bus: WakeBus;
  /** e.g. `PostgreSQL LISTEN/NOTIFY on coinslot_wake_coinslot`, `Redis pub/sub on coinslot:wake`. */
  where: string;
}

/**
 * Opens the wake-up bus of `config.bus` (`undefined` for `in-process`: the pay server makes its own): PostgreSQL's on
 * the store's database URL and `schema` (the opened store's), Redis's on its URL (a secret reference). A failure to
 * connect is a `ConfigError` naming the field.
 */
export async function buildBus(
  config: ServerConfig,
  source: SecretSource,
  schema: string | undefined,
  logger: PayServerLogger | undefined,
): Promise<BusPlan | undefined> {
  const bus = config.bus;
  if (bus.kind === 'in-process') return undefined;
  const log = logger === undefined ? {} : { logger };
  try {
    if (bus.kind === 'postgres') {
      const connectionString = await readSecret(config.database!.url, at('database', 'url'), source);
      const opened = await PostgresWakeBus.open({
        connectionString,
        ...(schema === undefined ? {} : { schema }),
        ...log,
      });
      return { bus: opened, where: `PostgreSQL LISTEN/NOTIFY on ${opened.channel}` };
    }
    const url = await readSecret(bus.url, at('bus', 'url'), source);
    const opened = await RedisWakeBus.open({ url, prefix: bus.prefix, ...log });
    return { bus: opened, where: `Redis pub/sub on ${opened.channel}` };
  } catch (error) {
    if ((error as Error).name === 'ConfigError') throw error;
    throw configError(bus.kind === 'redis' ? at('bus', 'url') : 'bus', (error as Error).message);
  }
}
