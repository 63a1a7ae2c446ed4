import { CREATE_EVENTS_TABLE, CREATE_SCHEMA, SCHEMA_VERSION, SQL, SQLITE_PRAGMAS } from '../sql/bill-store-sql.js';
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
 * Creates the tables on first open and checks the schema version on every open, in one write transaction,
 * so two processes opening a new file at once do not race.
 */
export function ensureSchema(db: SqliteDatabase, filename: string): void {
  db.transaction(() => {
    db.prepare(CREATE_EVENTS_TABLE.sqlite).run();
    for (const statement of CREATE_SCHEMA) db.prepare(statement).run();
    ensureReportSchema(db);
    db.prepare(SQL.recordSchemaVersion).run(SCHEMA_VERSION);
    const row = db.prepare(SQL.readSchemaVersion).get() as { version: number };
    if (row.version > SCHEMA_VERSION) {
      throw new Error(
        `${filename} holds bill store schema ${row.version}; this @coinslot/server knows up to ${SCHEMA_VERSION}: upgrade it`,
      );
    }
  }).immediate();
}
