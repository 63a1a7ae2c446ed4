// The activity log's tables (src/activity/activity-log.ts): the entries, and what each instance last said of itself.

const COLUMNS_DDL =
  'at BIGINT NOT NULL, app_id TEXT NOT NULL, kind TEXT NOT NULL, outcome TEXT NOT NULL, actor TEXT NOT NULL, ' +
  'bill_id TEXT, channel TEXT, channel_trade_no TEXT, endpoint TEXT, event_id TEXT, detail TEXT, instance_id TEXT';

/**
 * The activity log's table by engine: `id` (SQLite's rowid alias or a PostgreSQL identity) is the order entries were
 * stored in.
 */
const CREATE_ACTIVITY_TABLE = {
  sqlite: `CREATE TABLE IF NOT EXISTS activity (id INTEGER PRIMARY KEY, ${COLUMNS_DDL})`,
  postgres: `CREATE TABLE IF NOT EXISTS activity (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, ${COLUMNS_DDL})`,
} as const;

/**
 * The statements that create the activity log's tables and indexes on `engine`, in order, run on every open like the
 * reconciliation tables (`IF NOT EXISTS`, no schema version: a database from before them gains them on its next
 * open, and an older server ignores them).
 */
export function activityTables(engine: keyof typeof CREATE_ACTIVITY_TABLE): string[] {
  return [CREATE_ACTIVITY_TABLE[engine], ...ACTIVITY_INDEXES, CREATE_INSTANCES_TABLE];
}

const ACTIVITY_INDEXES: readonly string[] = [
  // One bill's entries in time order (listForBill).
  'CREATE INDEX IF NOT EXISTS activity_by_bill ON activity (bill_id, at, id)',
  // Search by the channel's trade number; most entries carry none, so only those that do are indexed.
  'CREATE INDEX IF NOT EXISTS activity_by_trade_no ON activity (channel_trade_no) WHERE channel_trade_no IS NOT NULL',
  // The purge walks the oldest first.
  'CREATE INDEX IF NOT EXISTS activity_by_time ON activity (at)',
  // Channel health and webhook health count a range from the index alone (their queries name the kind literally,
  // which is what lets both planners use a partial index).
  `CREATE INDEX IF NOT EXISTS activity_notifications ON activity (at, app_id, channel, outcome) WHERE kind = 'notification'`,
  `CREATE INDEX IF NOT EXISTS activity_webhooks ON activity (at, app_id, endpoint, outcome) WHERE kind = 'webhook'`,
  // The console's list of admin actions, newest first (few rows: only admins' actions are indexed).
  `CREATE INDEX IF NOT EXISTS activity_admin ON activity (at, id) WHERE kind = 'admin'`,
  // One admin's last action of a kind (a console logout, checked by every instance's console).
  `CREATE INDEX IF NOT EXISTS activity_admin_by_actor ON activity (actor, outcome, at) WHERE kind = 'admin'`,
];

const CREATE_INSTANCES_TABLE = `CREATE TABLE IF NOT EXISTS instances (
  instance_id TEXT PRIMARY KEY, started_at BIGINT NOT NULL, seen_at BIGINT NOT NULL, held_waits INTEGER NOT NULL
)`;
