import { classifyLoadError } from '@coinslot/core';

/**
 * The part of better-sqlite3 the SQLite store uses, typed here so the package's public types never depend on
 * `@types/better-sqlite3`, and loaded lazily so nothing imports the native addon until a store is opened.
 */

/** A prepared statement (better-sqlite3's `Statement`). */
export interface SqliteStatement {
  run(...params: unknown[]): { changes: number };
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
}

/** An open database (better-sqlite3's `Database`). */
export interface SqliteDatabase {
  prepare(sql: string): SqliteStatement;
  exec(sql: string): unknown;
  pragma(source: string, options?: { simple?: boolean }): unknown;
  transaction<A extends unknown[], R>(fn: (...args: A) => R): { (...args: A): R; immediate(...args: A): R };
  close(): unknown;
  readonly open: boolean;
}

/** better-sqlite3's `Database` constructor. */
export type SqliteConstructor = new (filename: string, options?: { timeout?: number }) => SqliteDatabase;

/** Loads the constructor; a test may pass its own loader. */
export type SqliteLoader = () => Promise<SqliteConstructor>;

const PACKAGE = 'better-sqlite3';

/**
 * A loader that imports better-sqlite3 with `importModule`, turning "not installed" into an error that says how
 * to fix it. A missing dependency *of* better-sqlite3 is another failure and is rethrown as it is.
 */
export function createSqliteLoader(importModule: (specifier: string) => Promise<unknown>): SqliteLoader {
  return async () => {
    try {
      const module = (await importModule(PACKAGE)) as { default?: SqliteConstructor };
      return (module.default ?? module) as SqliteConstructor;
    } catch (error) {
      // The same rule core uses for channel packages: only better-sqlite3 itself missing is "not installed".
      if (classifyLoadError(error, PACKAGE) !== 'not-installed') throw error;
      throw new Error(
        `The SQLite bill store needs the optional dependency ${PACKAGE}, which is not installed: ` +
          `run \`npm install ${PACKAGE}\`, or use the memory store (\`--store memory\`).`,
        { cause: error },
      );
    }
  };
}

/** The default loader. The specifier is computed so bundlers leave it to Node; only this module loads it. */
export const loadBetterSqlite3: SqliteLoader = createSqliteLoader((specifier) => import(specifier));

/**
 * Opens `filename` with `Database`, turning a missing native addon (install scripts not approved, or a
 * failed compile) into an error that says how to build it.
 */
export function openDatabase(Database: SqliteConstructor, filename: string, busyTimeoutMs: number): SqliteDatabase {
  try {
    return new Database(filename, { timeout: busyTimeoutMs });
  } catch (error) {
    if (/bindings file|better_sqlite3\.node|NODE_MODULE_VERSION/.test(String(error))) {
      throw new Error(
        `${PACKAGE} is installed but its native addon is missing or built for another Node.js: ` +
          `run \`npm install-scripts approve ${PACKAGE} && npm rebuild ${PACKAGE}\` (needs python3, make and a C++ compiler).`,
        { cause: error },
      );
    }
    throw error;
  }
}
