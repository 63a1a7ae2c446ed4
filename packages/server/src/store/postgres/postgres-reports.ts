import { numberedPlaceholders } from '../sql/bill-store-sql.js';
import { postgresAddColumns, REPORT_COLUMN_NAMES, REPORT_INDEXES } from '../sql/report-columns.js';
import { SqlReportSource } from '../sql/report-rows.js';
import type { PgQueryable } from './postgres-driver.js';

/**
 * Adds the report columns the `bills` table lacks and the report indexes; run inside the migration transaction
 * (under its advisory lock). The `ALTER TABLE` runs only when a column is missing: it rewrites the table once.
 */
export async function ensureReportSchema(client: PgQueryable, schema: string): Promise<void> {
  const { rows } = await client.query<{ name: string }>(
    "SELECT column_name AS name FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'bills'",
    [schema],
  );
  const have = new Set(rows.map((row) => row.name));
  if (REPORT_COLUMN_NAMES.some((name) => !have.has(name))) await client.query(postgresAddColumns());
  for (const statement of REPORT_INDEXES) await client.query(statement);
}

/** The reports of a PostgreSQL store, read through its pool. */
export function postgresReportSource(pool: PgQueryable): SqlReportSource {
  return new SqlReportSource(async ({ sql, params }) => (await pool.query(numberedPlaceholders(sql), params)).rows);
}
