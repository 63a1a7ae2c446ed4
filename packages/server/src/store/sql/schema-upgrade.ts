import { SCHEMA_VERSION } from './bill-store-sql.js';

/**
 * Schema 1 → 2: every bill, event and idempotency key belongs to an app (docs/decisions/0011-many-games.md). Rows
 * written before belong to the default app, the only one a schema 1 server had. `ADD COLUMN … DEFAULT` is instant on
 * both engines; the key table is copied because neither engine changes a primary key in place the same way (and
 * PostgreSQL's old primary key index name would collide with a renamed table's). Runs after `CREATE_TABLES` made the
 * new `idempotency_records` and before `CREATE_INDEXES` builds the indexes on `app_id`.
 */
const TO_2: readonly string[] = [
  "ALTER TABLE bills ADD COLUMN app_id TEXT NOT NULL DEFAULT 'default'",
  "ALTER TABLE events ADD COLUMN app_id TEXT NOT NULL DEFAULT 'default'",
  'INSERT INTO idempotency_records (app_id, user_id, idem_key, body_hash, claimed_at, bill_id) ' +
    "SELECT 'default', user_id, idem_key, body_hash, claimed_at, bill_id FROM idempotency_keys",
  'DROP TABLE idempotency_keys',
  // Replaced by the app-scoped bills_by_app_user_state and bills_by_app_user_state_expiry.
  'DROP INDEX IF EXISTS bills_by_user_state',
  'DROP INDEX IF EXISTS bills_by_user_state_expiry',
];

/** The statements that move a schema from version `found` to each next one, in order. */
const STEPS: Readonly<Record<number, readonly string[]>> = { 1: TO_2 };

/**
 * What brings a database holding schema `found` up to {@link SCHEMA_VERSION}: nothing for a new database (`undefined`)
 * or a current one. Run in the open's transaction, between the tables and the indexes, then record the version.
 */
export function upgradeStatements(found: number | undefined): string[] {
  const statements: string[] = [];
  for (let version = found ?? SCHEMA_VERSION; version < SCHEMA_VERSION; version += 1) {
    statements.push(...(STEPS[version] ?? []));
  }
  return statements;
}
