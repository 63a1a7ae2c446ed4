import { numberedPlaceholders, SQL, type StatementName } from '../sql/bill-store-sql.js';

/** The shared statements of bill-store-sql.ts with PostgreSQL's numbered placeholders (`$1, $2, …`). */
export const PG_SQL = Object.fromEntries(
  Object.entries(SQL).map(([name, sql]) => [name, numberedPlaceholders(sql)]),
) as Record<StatementName, string>;

/**
 * The advisory lock classes (the first key of `pg_advisory_xact_lock(int, int)`) this store takes; the second key
 * names the schema, so stores in two schemas of one database never wait for each other. 0x436f696e is "Coin".
 */
export const LOCK_CLASS = {
  /** Held by whoever creates or upgrades the schema on open. */
  migrations: 0x436f696e,
  /**
   * The events' `seq` horizon (postgres-bill-store.ts says why): every writer holds it shared from before its event
   * insert until its commit (postgres-writes.ts takes it); a reader of the log takes it exclusive, so it reads only
   * once no `seq` is in flight.
   */
  eventLog: 0x436f696f,
} as const;

const RETURNED_EVENT_COLUMNS = [
  'seq',
  'id',
  'app_id',
  'type',
  'bill_id',
  'created_at',
  'body',
  'dispatch',
  'attempts',
  'next_attempt_at',
]
  .map((column) => `events.${column}`)
  .join(', ');

/** The statements only PostgreSQL speaks, by what they do. Each names its parameters in order. */
export const PG_ONLY_SQL = {
  /** (class, schema name) */
  lockForMigration: 'SELECT pg_advisory_xact_lock($1, hashtext($2))',
  /** (class, schema name): waits until no writer is between its event insert and commit, and holds new ones off */
  settleEventLog: 'SELECT pg_advisory_xact_lock($1, hashtext($2))',
  /** How long a reader of the event log waits for writers before it fails (a writer should take milliseconds). */
  settleTimeout: "SET LOCAL lock_timeout = '10s'",
  /** () → { schema }: where unqualified tables go */
  currentSchema: 'SELECT current_schema() AS schema',
  /**
   * (now, lease_until, limit) → EventRow…: `SQL.dueEvents` and `SQL.leaseEvent` in one statement. `SKIP LOCKED`
   * passes over rows another instance is leasing right now, and a row leased since this statement's snapshot is
   * re-checked (`lease_until <= now` fails), so two dispatchers never get the same event in one lease.
   */
  claimDueEvents:
    'WITH due AS (' +
    `SELECT seq FROM events e WHERE dispatch = 'pending' AND next_attempt_at <= $1 AND lease_until <= $1 ` +
    `AND NOT EXISTS (SELECT 1 FROM events p WHERE p.bill_id = e.bill_id AND p.dispatch = 'pending' AND p.seq < e.seq) ` +
    'ORDER BY next_attempt_at, seq LIMIT $3 FOR UPDATE OF e SKIP LOCKED) ' +
    `UPDATE events SET lease_until = $2 FROM due WHERE events.seq = due.seq RETURNING ${RETURNED_EVENT_COLUMNS}`,
} as const;

/** A schema name this store accepts: a plain lower-case SQL identifier, so it never needs quoting rules. */
export const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
