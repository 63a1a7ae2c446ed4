import { classifyLoadError } from '@coinslot/core';

/**
 * The part of `pg` (node-postgres 8) the PostgreSQL store uses, typed here so the package's public types never
 * depend on `@types/pg`, and loaded lazily so nothing imports `pg` until a store is opened.
 */

/** What a query answers (pg's `QueryResult`). */
export interface PgResult<Row> {
  rows: Row[];
  /** Rows inserted, updated, deleted or selected. */
  rowCount: number | null;
}

/** Something that runs a query with `$1, $2, …` parameters: the pool or one of its connections. */
export interface PgQueryable {
  query<Row = Record<string, unknown>>(text: string, values?: unknown[]): Promise<PgResult<Row>>;
}

/**
 * A statement pg prepares on each connection the first time it runs there under `name` (Parse), and later only binds
 * and runs: PostgreSQL parses and plans it once per connection. A name must always go with the same text.
 */
export interface PgNamedQuery {
  name: string;
  text: string;
  values?: unknown[];
}

/** A connection checked out of the pool (pg's `PoolClient`). */
export interface PgPoolClient extends PgQueryable {
  /** Returns it to the pool; with an error (or `true`) the connection is closed instead of reused. */
  release(destroy?: Error | boolean): void;
}

/** A connection pool (pg's `Pool`). */
export interface PgPool extends PgQueryable {
  query<Row = Record<string, unknown>>(text: string, values?: unknown[]): Promise<PgResult<Row>>;
  query<Row = Record<string, unknown>>(query: PgNamedQuery): Promise<PgResult<Row>>;
  connect(): Promise<PgPoolClient>;
  end(): Promise<void>;
  /** An idle connection broke (the server restarted, the network dropped it): the pool drops it and goes on. */
  on(event: 'error', listener: (error: Error) => void): unknown;
}

/** The settings of a pool that the store passes (a subset of pg's `PoolConfig`). */
export interface PgPoolConfig {
  connectionString: string;
  max: number;
  /** Server settings sent at connect, e.g. `-c search_path=coinslot`. */
  options?: string;
  application_name: string;
  connectionTimeoutMillis: number;
  /** Lets the process exit while the pool holds idle connections. @default false */
  allowExitOnIdle?: boolean;
}

/** pg's `Pool` constructor. */
export type PgPoolConstructor = new (config: PgPoolConfig) => PgPool;

/** Loads the constructor; a test may pass its own loader. */
export type PgLoader = () => Promise<PgPoolConstructor>;

const PACKAGE = 'pg';

/**
 * A loader that imports `pg` with `importModule`, turning "not installed" into an error that says how to fix it. A
 * missing dependency *of* pg is another failure and is rethrown as it is.
 */
export function createPgLoader(importModule: (specifier: string) => Promise<unknown>): PgLoader {
  return async () => {
    try {
      const module = (await importModule(PACKAGE)) as {
        Pool?: PgPoolConstructor;
        default?: { Pool: PgPoolConstructor };
      };
      return (module.Pool ?? module.default?.Pool) as PgPoolConstructor;
    } catch (error) {
      // The same rule core uses for channel packages: only pg itself missing is "not installed".
      if (classifyLoadError(error, PACKAGE) !== 'not-installed') throw error;
      throw new Error(
        `The PostgreSQL bill store needs the optional dependency ${PACKAGE} (node-postgres 8), which is not installed: ` +
          `run \`npm install ${PACKAGE}@8\`, or use the SQLite store.`,
        { cause: error },
      );
    }
  };
}

/** The default loader. The specifier is computed so bundlers leave it to Node; only this module loads it. */
export const loadPg: PgLoader = createPgLoader((specifier) => import(specifier));
