/**
 * Every SQL statement of the durable bill stores, in one place. Written in the subset SQLite and PostgreSQL
 * both speak, so a PostgreSQL store is a driver swap (docs/decisions/0002-embedded-store-sqlite.md):
 * - placeholders are `?`, bound in order (a PostgreSQL driver numbers them: {@link numberedPlaceholders});
 * - times are integer ms (`BIGINT`), JSON is `TEXT`, no engine-specific function or type;
 * - upserts are `INSERT … ON CONFLICT (…) DO NOTHING`.
 * The exception is the transition's compare-and-set, which also compares the refund total inside the bill's JSON with
 * each engine's JSON function: transition-sql.ts.
 */

/** The schema version these statements expect; a store refuses a database written by a newer one. */
export const SCHEMA_VERSION = 2;

/**
 * Creates the tables that are missing, at this version's shape; safe to run on every open. A table an older version
 * made keeps its old shape until {@link upgradeStatements} (schema-upgrade.ts) moves it on, before the indexes.
 */
export const CREATE_TABLES: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS coinslot_schema (
    id INTEGER PRIMARY KEY,
    version INTEGER NOT NULL
  )`,
  `CREATE TABLE IF NOT EXISTS bills (
    id TEXT PRIMARY KEY,
    app_id TEXT NOT NULL DEFAULT 'default',
    user_id TEXT NOT NULL,
    state TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    bill TEXT NOT NULL,
    launch TEXT NOT NULL
  )`,
  // Keys are scoped per app and user (schema 2; schema 1's idempotency_keys had no app and is copied in on upgrade).
  `CREATE TABLE IF NOT EXISTS idempotency_records (
    app_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    idem_key TEXT NOT NULL,
    body_hash TEXT NOT NULL,
    claimed_at BIGINT NOT NULL,
    bill_id TEXT,
    PRIMARY KEY (app_id, user_id, idem_key)
  )`,
];

/** Creates the indexes that are missing (IF NOT EXISTS builds one added later on an old file); run after an upgrade. */
export const CREATE_INDEXES: readonly string[] = [
  // A player's bills of one game (the listing, the open-bill cap's index-only count).
  'CREATE INDEX IF NOT EXISTS bills_by_app_user_state ON bills (app_id, user_id, state, created_at)',
  'CREATE INDEX IF NOT EXISTS bills_by_app_user_state_expiry ON bills (app_id, user_id, state, expires_at)',
  // One game's bills by time: what reports read (docs/decisions/0011-many-games.md).
  'CREATE INDEX IF NOT EXISTS bills_by_app_created ON bills (app_id, created_at)',
  'CREATE INDEX IF NOT EXISTS bills_by_state_expiry ON bills (state, expires_at)',
  // The query fallback walks open bills by creation time.
  'CREATE INDEX IF NOT EXISTS bills_by_state_created ON bills (state, created_at, id)',
  'CREATE INDEX IF NOT EXISTS idempotency_records_by_claim ON idempotency_records (claimed_at)',
  // The events outbox (§10). `seq` is the one engine-specific column: see CREATE_EVENTS_TABLE.
  'CREATE INDEX IF NOT EXISTS events_due ON events (dispatch, next_attempt_at)',
  'CREATE INDEX IF NOT EXISTS events_by_bill ON events (bill_id, seq)',
  'CREATE INDEX IF NOT EXISTS events_by_time ON events (created_at)',
  // One game's event log (GET /v1/events pulls its own app's events only).
  'CREATE INDEX IF NOT EXISTS events_by_app ON events (app_id, seq)',
];

/**
 * The events outbox table, by engine (run before {@link CREATE_INDEXES}): its `seq` is SQLite's rowid alias
 * (`INTEGER PRIMARY KEY`, increasing; AUTOINCREMENT so a purged tail is never reused) or a PostgreSQL identity.
 */
export const CREATE_EVENTS_TABLE = {
  sqlite: `CREATE TABLE IF NOT EXISTS events (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE, app_id TEXT NOT NULL DEFAULT 'default', type TEXT NOT NULL, bill_id TEXT NOT NULL,
    created_at BIGINT NOT NULL, body TEXT NOT NULL,
    dispatch TEXT NOT NULL, attempts INTEGER NOT NULL, next_attempt_at BIGINT NOT NULL, lease_until BIGINT NOT NULL
  )`,
  postgres: `CREATE TABLE IF NOT EXISTS events (
    seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id TEXT NOT NULL UNIQUE, app_id TEXT NOT NULL DEFAULT 'default', type TEXT NOT NULL, bill_id TEXT NOT NULL,
    created_at BIGINT NOT NULL, body TEXT NOT NULL,
    dispatch TEXT NOT NULL, attempts INTEGER NOT NULL, next_attempt_at BIGINT NOT NULL, lease_until BIGINT NOT NULL
  )`,
} as const;

/**
 * The only engine-specific statements: SQLite's durability settings, run once per connection. WAL keeps
 * readers off the writer's back and discards a torn last frame on recovery; `synchronous = FULL` fsyncs every
 * commit before it returns, so a write acknowledged to a client is on disk. (PostgreSQL's defaults do both.)
 */
export const SQLITE_PRAGMAS: readonly string[] = ['journal_mode = WAL', 'synchronous = FULL'];

const EVENT_COLUMNS = 'seq, id, app_id, type, bill_id, created_at, body, dispatch, attempts, next_attempt_at';

/** A row of `events` as {@link SQL} selects it. */
export interface EventRow {
  seq: number | string;
  id: string;
  app_id: string;
  type: string;
  bill_id: string;
  created_at: number | string;
  body: string;
  dispatch: string;
  attempts: number;
  next_attempt_at: number | string;
}

/** The statements, by what they do. Each names its parameters in order. */
export const SQL = {
  /** (version) */
  recordSchemaVersion: 'INSERT INTO coinslot_schema (id, version) VALUES (1, ?) ON CONFLICT (id) DO NOTHING',
  /** () → { version } */
  readSchemaVersion: 'SELECT version FROM coinslot_schema WHERE id = 1',
  /** (version): after an upgrade */
  updateSchemaVersion: 'UPDATE coinslot_schema SET version = ? WHERE id = 1',

  /** (id) → { bill, launch } */
  getBill: 'SELECT bill, launch FROM bills WHERE id = ?',
  /** (id, app_id, user_id, state, created_at, expires_at, bill, launch); fails on a duplicate id */
  insertBill:
    'INSERT INTO bills (id, app_id, user_id, state, created_at, expires_at, bill, launch) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  /** (app_id, user_id, state, limit) → { bill }… (on bills_by_app_user_state) */
  listBills: 'SELECT bill FROM bills WHERE app_id = ? AND user_id = ? AND state = ? ORDER BY created_at, id LIMIT ?',
  /** ('created', now, limit) → { bill }… */
  listExpired: 'SELECT bill FROM bills WHERE state = ? AND expires_at < ? ORDER BY expires_at, id LIMIT ?',
  /** (app_id, user_id, 'created', now) → { open } (on bills_by_app_user_state_expiry) */
  countOpen: 'SELECT COUNT(*) AS open FROM bills WHERE app_id = ? AND user_id = ? AND state = ? AND expires_at >= ?',
  /** ('created', after, upTo, after, afterId, limit) → { bill }… (on bills_by_state_created) */
  listOpenToQuery:
    'SELECT bill FROM bills WHERE state = ? AND created_at >= ? AND created_at <= ? AND (created_at > ? OR id > ?) ' +
    'ORDER BY created_at, id LIMIT ?',
  /** ('created', 'expired', 'cancelled', after, upTo, after, afterId, limit) → { bill }… (on bills_by_state_expiry) */
  listUnpaidToQuery:
    'SELECT bill FROM bills WHERE state IN (?, ?, ?) AND expires_at >= ? AND expires_at <= ? ' +
    'AND (expires_at > ? OR id > ?) ORDER BY expires_at, id LIMIT ?',
  /** ('failed', 'cancelled', 'expired', before, limit); changes = how many (on bills_by_state_expiry) */
  purgeSettled:
    'DELETE FROM bills WHERE id IN ' + '(SELECT id FROM bills WHERE state IN (?, ?, ?) AND expires_at < ? LIMIT ?)',

  /** (app_id, user_id, idem_key, body_hash, claimed_at); changes 1 when the key was free */
  claimKey:
    'INSERT INTO idempotency_records (app_id, user_id, idem_key, body_hash, claimed_at, bill_id) ' +
    'VALUES (?, ?, ?, ?, ?, NULL) ON CONFLICT (app_id, user_id, idem_key) DO NOTHING',
  /** (body_hash, claimed_at, app_id, user_id, idem_key, stale_before); changes 1 when a stale in-flight claim was taken over */
  takeOverStaleKey:
    'UPDATE idempotency_records SET body_hash = ?, claimed_at = ? ' +
    'WHERE app_id = ? AND user_id = ? AND idem_key = ? AND bill_id IS NULL AND claimed_at < ?',
  /** (app_id, user_id, idem_key) → { body_hash, bill_id } */
  readKey: 'SELECT body_hash, bill_id FROM idempotency_records WHERE app_id = ? AND user_id = ? AND idem_key = ?',
  /** (bill_id, app_id, user_id, idem_key) */
  completeKey:
    'UPDATE idempotency_records SET bill_id = ? WHERE app_id = ? AND user_id = ? AND idem_key = ? AND bill_id IS NULL',
  /** (app_id, user_id, idem_key) */
  releaseKey: 'DELETE FROM idempotency_records WHERE app_id = ? AND user_id = ? AND idem_key = ? AND bill_id IS NULL',
  /** (before); changes = how many */
  purgeKeys: 'DELETE FROM idempotency_records WHERE claimed_at < ?',

  /** (id, app_id, type, bill_id, created_at, body, dispatch, next_attempt_at) */
  insertEvent:
    'INSERT INTO events (id, app_id, type, bill_id, created_at, body, dispatch, attempts, next_attempt_at, lease_until) ' +
    'VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, 0)',
  /** (after, limit) → EventRow…: every app's */
  listEvents: `SELECT ${EVENT_COLUMNS} FROM events WHERE seq > ? ORDER BY seq LIMIT ?`,
  /** (app_id, after, limit) → EventRow…: one app's (on events_by_app) */
  listAppEvents: `SELECT ${EVENT_COLUMNS} FROM events WHERE app_id = ? AND seq > ? ORDER BY seq LIMIT ?`,
  /**
   * (bill_id, app_id, limit) → EventRow…: one bill's, on events_by_bill. `app_id || ''` keeps the app off every index:
   * SQLite without statistics otherwise ties events_by_app (which also gives `seq` order) and may walk a whole game's
   * events for one bill.
   */
  listBillEvents: `SELECT ${EVENT_COLUMNS} FROM events WHERE bill_id = ? AND app_id || '' = ? ORDER BY seq LIMIT ?`,
  /** (now, now, limit) → EventRow…: the oldest pending event of each bill, when due and not leased */
  dueEvents:
    `SELECT ${EVENT_COLUMNS} FROM events e WHERE dispatch = 'pending' AND next_attempt_at <= ? AND lease_until <= ? ` +
    `AND NOT EXISTS (SELECT 1 FROM events p WHERE p.bill_id = e.bill_id AND p.dispatch = 'pending' AND p.seq < e.seq) ` +
    'ORDER BY next_attempt_at, seq LIMIT ?',
  /** (lease_until, seq, now); changes 1 when the lease was taken */
  leaseEvent: `UPDATE events SET lease_until = ? WHERE seq = ? AND dispatch = 'pending' AND lease_until <= ?`,
  /** (dispatch, next_attempt_at, seq) */
  recordDispatch:
    'UPDATE events SET dispatch = ?, attempts = attempts + 1, next_attempt_at = ?, lease_until = 0 WHERE seq = ?',
  /** (before, limit); changes = how many */
  purgeEvents: `DELETE FROM events WHERE seq IN (SELECT seq FROM events WHERE created_at < ? AND dispatch <> 'pending' LIMIT ?)`,
  /** () → { seq, created_at, next_attempt_at } */
  oldestPending: `SELECT seq, created_at, next_attempt_at FROM events WHERE dispatch = 'pending' ORDER BY seq LIMIT 1`,
} as const;

/** A statement of {@link SQL}. */
export type StatementName = keyof typeof SQL;

/** `?` placeholders as PostgreSQL's `$1, $2, …` (no statement here has a `?` inside a literal). */
export function numberedPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${(n += 1)}`);
}
