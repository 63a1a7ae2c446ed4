import { REPORT_COLUMN_NAMES, REPORT_INDEXES, sqliteAddColumn } from '../sql/report-columns.js';
import { SqlReportSource } from '../sql/report-rows.js';
import type { SqliteDatabase } from './sqlite-driver.js';

/**
 * Adds the report columns a file lacks (generated, so old rows need no rewrite) and the report indexes. Run inside
 * the schema transaction. `table_xinfo` lists generated columns; `table_info` hides them.
 */
export function ensureReportSchema(db: SqliteDatabase): void {
  const have = new Set((db.prepare('PRAGMA table_xinfo(bills)').all() as { name: string }[]).map((c) => c.name));
  for (const name of REPORT_COLUMN_NAMES) if (!have.has(name)) db.prepare(sqliteAddColumn(name)).run();
  for (const statement of REPORT_INDEXES) db.prepare(statement).run();
}

/** The reports of a SQLite store: each statement read synchronously on the store's own connection. */
export function sqliteReportSource(db: SqliteDatabase): SqlReportSource {
  return new SqlReportSource(async ({ sql, params }) => db.prepare(sql).all(...params) as Record<string, unknown>[]);
}
