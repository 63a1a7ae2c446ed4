import { randomBytes } from 'node:crypto';
import { PostgresBillStore, type PostgresBillStoreOptions } from '../src/index.js';
import { loadPg, type PgPool } from '../src/store/postgres/postgres-driver.js';

/**
 * The database the PostgreSQL tests use: `$COINSLOT_TEST_DATABASE_URL`, else the `test` database and the
 * `coinslot_test` role that `node scripts/prepare-test-machine.mjs --with postgres` (run first by `npm test`)
 * creates on 127.0.0.1:5432. Every test works in a schema of its own, dropped after.
 */
export const TEST_DATABASE_URL =
  process.env.COINSLOT_TEST_DATABASE_URL ?? 'postgres://coinslot_test:coinslot_test@127.0.0.1:5432/test';

const WHAT_TO_DO =
  'the PostgreSQL tests need a database: run `node scripts/prepare-test-machine.mjs --with postgres` ' +
  '(npm test does), or set COINSLOT_TEST_DATABASE_URL to a database where you may create schemas';

let admin: Promise<PgPool> | undefined;

/** One small pool for creating and dropping test schemas; it fails with what to do when nothing answers. */
function adminPool(): Promise<PgPool> {
  admin ??= (async () => {
    const Pool = await loadPg();
    const pool = new Pool({
      connectionString: TEST_DATABASE_URL,
      max: 2,
      connectionTimeoutMillis: 5000,
      application_name: 'coinslot-tests',
      allowExitOnIdle: true,
    });
    pool.on('error', () => undefined);
    try {
      await pool.query('SELECT 1');
    } catch (error) {
      await pool.end();
      throw new Error(`${WHAT_TO_DO} (${TEST_DATABASE_URL}: ${(error as Error).message})`, { cause: error });
    }
    return pool;
  })();
  return admin;
}

/** A fresh schema name, unique across test processes. */
export function freshSchemaName(): string {
  return `coinslot_test_${randomBytes(6).toString('hex')}`;
}

/** Drops `schema` and everything in it. */
export async function dropSchema(schema: string): Promise<void> {
  await (await adminPool()).query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
}

/** Runs one statement on the test database (with `search_path` = `schema` when given), for checks behind a store's back. */
export async function queryTestDatabase<Row = Record<string, unknown>>(
  sql: string,
  values: unknown[] = [],
  schema?: string,
): Promise<Row[]> {
  const pool = await adminPool();
  if (schema === undefined) return (await pool.query<Row>(sql, values)).rows;
  const client = await pool.connect();
  try {
    await client.query(`SET search_path = ${schema}`);
    return (await client.query<Row>(sql, values)).rows;
  } finally {
    await client.query('RESET search_path').catch(() => undefined);
    client.release();
  }
}

/** Opens a store on the test database in `schema` (a fresh one by default). */
export async function openTestPostgresStore(
  schema = freshSchemaName(),
  options: Partial<PostgresBillStoreOptions> = {},
): Promise<PostgresBillStore> {
  await adminPool(); // a clear failure when there is no database, before the store's own
  return PostgresBillStore.open({ connectionString: TEST_DATABASE_URL, schema, ...options });
}

/** Closes the admin pool (after the last test of a file). */
export async function closeTestDatabase(): Promise<void> {
  const pool = admin;
  admin = undefined;
  await pool?.then(
    (opened) => opened.end(),
    () => undefined,
  );
}
