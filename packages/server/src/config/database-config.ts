import { SCHEMA_NAME } from '../store/postgres/postgres-sql.js';
import { configError } from './config-error.js';
import {
  at,
  has,
  objectAt,
  optionalInteger,
  optionalOneOf,
  optionalString,
  rejectUnknown,
  type Raw,
} from './config-fields.js';
import { isSecretRef } from './secret-ref.js';

/** Where bills are kept: `sqlite` (a file in the data dir), `postgres` (`database`, for several instances) or `memory`. */
export type StoreKind = 'sqlite' | 'postgres' | 'memory';

/**
 * `database` of the configuration file (docs/server-config.md "PostgreSQL"), checked; the URL is still a secret
 * reference, read when the server is built.
 */
export interface DatabaseConfig {
  /** `postgres://user:password@host:5432/db` as a secret reference (`{ "env" }` or `{ "file" }`; inline in development only). */
  url: unknown;
  /** The schema the tables live in, created when missing. @default the connection's search_path (usually public) */
  schema?: string;
  /** Connections each instance opens at most. @default 10 */
  maxConnections?: number;
}

const FIELDS = ['url', 'schema', 'maxConnections'];

/**
 * Checks `store` and `database` together: `database` alone means `"store": "postgres"`; `"store": "postgres"` needs
 * `database.url`; `database` with another store is refused rather than ignored. Without either, SQLite.
 */
export function parseStoreConfig(raw: Raw): { store: StoreKind; database: DatabaseConfig | undefined } {
  const named = optionalOneOf(raw, 'store', '', ['sqlite', 'postgres', 'memory'] as const);
  if (!has(raw, 'database')) {
    if (named === 'postgres') throw configError('database', 'is required with "store": "postgres": { "url": … }');
    return { store: named ?? 'sqlite', database: undefined };
  }
  if (named !== undefined && named !== 'postgres')
    throw configError('database', `is the PostgreSQL store's, but "store" is "${named}": remove one of them`);
  const database = objectAt(raw.database, 'database');
  rejectUnknown(database, 'database', FIELDS);
  if (!isSecretRef(database.url))
    throw configError(at('database', 'url'), 'must be { "env": "NAME" } or { "file": "path" } holding postgres://…');
  const schema = optionalString(database, 'schema', 'database');
  if (schema !== undefined && !SCHEMA_NAME.test(schema))
    throw configError(at('database', 'schema'), 'must be a lower-case SQL identifier (letters, digits, _)');
  const maxConnections = optionalInteger(database, 'maxConnections', 'database', 1, 1000);
  return {
    store: 'postgres',
    database: {
      url: database.url,
      ...(schema === undefined ? {} : { schema }),
      ...(maxConnections === undefined ? {} : { maxConnections }),
    },
  };
}
