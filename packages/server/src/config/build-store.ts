import type { PayServerLogger } from '../options.js';
import { describeDatabase, PostgresBillStore } from '../store/postgres/postgres-bill-store.js';
import { configError } from './config-error.js';
import { at } from './config-fields.js';
import { readSecret, type SecretSource } from './secret-ref.js';
import type { ServerConfig } from './server-config.js';

/** The PostgreSQL store a configuration names, opened, and what to tell whoever started the server. */
export interface StorePlan {
  store: PostgresBillStore;
  /** Where the bills are, without the password, e.g. `postgres://coinslot@db:5432/pay (schema coinslot)`. */
  where: string;
}

/**
 * Opens the PostgreSQL store of `"store": "postgres"` (its schema created or checked); `undefined` for the others,
 * which `startPayServer` opens itself (SQLite in the data dir) or keeps in memory. The URL is read from its secret
 * reference; a failure to connect is a `ConfigError` naming `database.url`.
 */
export async function buildStore(
  config: ServerConfig,
  source: SecretSource,
  logger: PayServerLogger | undefined,
): Promise<StorePlan | undefined> {
  const database = config.database;
  if (config.store !== 'postgres' || database === undefined) return undefined;
  const connectionString = await readSecret(database.url, at('database', 'url'), source);
  let store: PostgresBillStore;
  try {
    store = await PostgresBillStore.open({
      connectionString,
      ...(database.schema === undefined ? {} : { schema: database.schema }),
      ...(database.maxConnections === undefined ? {} : { maxConnections: database.maxConnections }),
      ...(logger === undefined ? {} : { logger }),
    });
  } catch (error) {
    throw configError(at('database', 'url'), (error as Error).message);
  }
  return { store, where: `${describeDatabase(connectionString)} (schema ${store.schema})` };
}
