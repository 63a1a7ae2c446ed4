import {
  CREATE_EVENTS_TABLE,
  CREATE_INDEXES,
  CREATE_TABLES,
  SCHEMA_VERSION,
  SQL,
  SQLITE_PRAGMAS,
} from '../sql/bill-store-sql.js';
import { activityTables } from '../sql/activity-tables.js';
import { RECONCILIATION_TABLES } from '../sql/reconciliation-sql.js';
import { upgradeStatements } from '../sql/schema-upgrade.js';
import type { SqliteDatabase } from './sqlite-driver.js';
import { ensureReportSchema } from './sqlite-reports.js';

/** Applies {@link SQLITE_PRAGMAS} and checks each took (a read-only or in-memory file refuses WAL). */
export function applyDurabilityPragmas(db: SqliteDatabase): void {
  for (const pragma of SQLITE_PRAGMAS) db.pragma(pragma);
  const mode = String(db.pragma('journal_mode', { simple: true })).toLowerCase();
  const synchronous = Number(db.pragma('synchronous', { simple: true }));
  if (mode !== 'wal' || synchronous !== 2) {
    throw new Error(`SQLite did not take the durability settings (journal_mode=${mode}, synchronous=${synchronous})`);
  }
}

/**
 * Creates the tables on first open, upgrades an older schema (schema-upgrade.ts) and checks the version on every
 * open, in one write transaction,
 * so two processes opening a new file at once do not race.
 */
export function ensureSchema(db: SqliteDatabase, filename: string): void {
  db.transaction(() => {
    db.prepare(CREATE_EVENTS_TABLE.sqlite).run();
    for (const statement of CREATE_TABLES) db.prepare(statement).run();
    const found = (db.prepare(SQL.readSchemaVersion).get() as { version: number } | undefined)?.version;
    if (found !== undefined && found > SCHEMA_VERSION) {
      throw new Error(
        `${filename} holds bill store schema ${found}; this @coinslot/server knows up to ${SCHEMA_VERSION}: upgrade it`,
      );
    }
    for (const statement of upgradeStatements(found)) db.prepare(statement).run();
    if (found === undefined) db.prepare(SQL.recordSchemaVersion).run(SCHEMA_VERSION);
    else if (found < SCHEMA_VERSION) db.prepare(SQL.updateSchemaVersion).run(SCHEMA_VERSION);
    for (const statement of CREATE_INDEXES) db.prepare(statement).run();
    ensureReportSchema(db);
    for (const statement of RECONCILIATION_TABLES) db.prepare(statement).run();
    for (const statement of activityTables('sqlite')) db.prepare(statement).run();
  }).immediate();
}
