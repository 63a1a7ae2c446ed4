/**
 * The columns and indexes the reports read (docs/reports.md), added to `bills` on open. Each column is the value of
 * one member of the stored bill's JSON, so no write path changes and an existing database gains them by migration:
 * PostgreSQL generates them on write (STORED); SQLite fills them by triggers ({@link SQLITE_REPORT_TRIGGERS}).
 */

/** A report column: its name, SQL type, and the bill's JSON member it copies. */
interface ReportColumn {
  name: string;
  type: 'TEXT' | 'BIGINT';
  member: string;
  /** The value when the member is absent. */
  fallback?: string;
}

const COLUMNS: readonly ReportColumn[] = [
  { name: 'r_app', type: 'TEXT', member: 'appId', fallback: "'default'" },
  { name: 'r_channel', type: 'TEXT', member: 'channel' },
  { name: 'r_currency', type: 'TEXT', member: 'currency' },
  { name: 'r_amount', type: 'BIGINT', member: 'amount' },
  { name: 'r_country', type: 'TEXT', member: 'country', fallback: "''" },
  { name: 'r_failure_reason', type: 'TEXT', member: 'failureReason', fallback: "''" },
  { name: 'r_launched_at', type: 'BIGINT', member: 'launchedAt' },
  { name: 'r_paid_at', type: 'BIGINT', member: 'paidAt' },
  { name: 'r_delivered_at', type: 'BIGINT', member: 'deliveredAt' },
  { name: 'r_refunded_at', type: 'BIGINT', member: 'refundedAt' },
  { name: 'r_refunded_amount', type: 'BIGINT', member: 'refundedAmount' },
  { name: 'r_charged_back_at', type: 'BIGINT', member: 'chargedBackAt' },
];

/** The dimensions every money index carries after its time, in the order the GROUP BY names them. */
const MONEY_DIMS = 'r_app, r_channel, r_currency, r_country';

/**
 * The report indexes. Each leads with the time a report ranges over and covers every column it reads, so a month
 * of a million bills is an index range scan without a table read. `(state, r_paid_at)` partial on `paid` finds
 * bills paid and not delivered.
 */
export const REPORT_INDEXES: readonly string[] = [
  `CREATE INDEX IF NOT EXISTS bills_report_paid ON bills (r_paid_at, ${MONEY_DIMS}, r_amount, user_id, r_refunded_at, r_refunded_amount, r_charged_back_at) WHERE r_paid_at IS NOT NULL`,
  `CREATE INDEX IF NOT EXISTS bills_report_refunded ON bills (r_refunded_at, ${MONEY_DIMS}, r_refunded_amount) WHERE r_refunded_at IS NOT NULL`,
  `CREATE INDEX IF NOT EXISTS bills_report_charged_back ON bills (r_charged_back_at, ${MONEY_DIMS}, r_amount, r_refunded_amount) WHERE r_charged_back_at IS NOT NULL`,
  'CREATE INDEX IF NOT EXISTS bills_report_created ON bills (created_at, r_app, r_channel, state, r_failure_reason, r_launched_at, r_paid_at, r_delivered_at)',
  "CREATE INDEX IF NOT EXISTS bills_report_undelivered ON bills (r_paid_at, r_app) WHERE state = 'paid'",
];

/** The name of every report column. */
export const REPORT_COLUMN_NAMES: readonly string[] = COLUMNS.map((column) => column.name);

function withFallback(value: string, column: ReportColumn): string {
  return column.fallback === undefined ? value : `COALESCE(${value}, ${column.fallback})`;
}

/** `ALTER TABLE` adding one report column to SQLite: a plain column, filled by {@link SQLITE_REPORT_TRIGGERS}. */
export function sqliteAddColumn(name: string): string {
  const column = COLUMNS.find((c) => c.name === name)!;
  return `ALTER TABLE bills ADD COLUMN ${column.name} ${column.type === 'BIGINT' ? 'INTEGER' : 'TEXT'}`;
}

/** Sets every report column of the rows `where` selects from their bill's JSON (SQLite 3.38+ for `->>`). */
export function sqliteFillColumns(where: string): string {
  const sets = COLUMNS.map((column) => `${column.name} = ${withFallback(`bill ->> '$.${column.member}'`, column)}`);
  return `UPDATE bills SET ${sets.join(', ')} WHERE ${where}`;
}

/**
 * SQLite keeps the report columns in step with the bill's JSON by triggers, not generated columns: its planner never
 * treats an index holding a generated column as covering (it reads the row and parses the JSON for each bill, ≈ 25×
 * slower on a month of a million bills). An update that changes only these columns does not fire them again.
 */
export const SQLITE_REPORT_TRIGGERS: readonly string[] = [
  `CREATE TRIGGER IF NOT EXISTS bills_report_insert AFTER INSERT ON bills BEGIN ${sqliteFillColumns('rowid = NEW.rowid')}; END`,
  `CREATE TRIGGER IF NOT EXISTS bills_report_update AFTER UPDATE OF bill ON bills BEGIN ${sqliteFillColumns('rowid = NEW.rowid')}; END`,
];

/** `ALTER TABLE` adding every missing report column to PostgreSQL (12+), stored on write. */
export function postgresAddColumns(): string {
  const adds = COLUMNS.map((column) => {
    const text = `(bill::jsonb ->> '${column.member}')`;
    const value = withFallback(column.type === 'BIGINT' ? `${text}::bigint` : text, column);
    return `ADD COLUMN IF NOT EXISTS ${column.name} ${column.type} GENERATED ALWAYS AS (${value}) STORED`;
  });
  return `ALTER TABLE bills ${adds.join(', ')}`;
}
