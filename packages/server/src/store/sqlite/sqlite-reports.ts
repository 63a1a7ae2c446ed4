import {
  REPORT_COLUMN_NAMES,
  REPORT_INDEXES,
  SQLITE_REPORT_TRIGGERS,
  sqliteAddColumn,
  sqliteFillColumns,
} from '../sql/report-columns.js';
import { SqlReportSource } from '../sql/report-rows.js';
import type { SqliteDatabase } from './sqlite-driver.js';

/**
 * Adds the report columns a file lacks, fills them for the bills already stored (once: a file from before them),
 * then the triggers that keep them filled and the report indexes. Run inside the schema transaction.
 */
export function ensureReportSchema(db: SqliteDatabase): void {
  const have = new Set((db.prepare('PRAGMA table_info(bills)').all() as { name: string }[]).map((c) => c.name));
  const missing = REPORT_COLUMN_NAMES.filter((name) => !have.has(name));
  for (const name of missing) db.prepare(sqliteAddColumn(name)).run();
  if (missing.length > 0) db.prepare(sqliteFillColumns('1 = 1')).run();
  for (const statement of SQLITE_REPORT_TRIGGERS) db.prepare(statement).run();
  for (const statement of REPORT_INDEXES) db.prepare(statement).run();
}

/** The reports of a SQLite store: each statement read synchronously on the store's own connection. */
export function sqliteReportSource(db: SqliteDatabase): SqlReportSource {
  return new SqlReportSource(
    async ({ sql, params }) => db.prepare(sql).all(...params) as Record<string, unknown>[],
    true,
  );
}
