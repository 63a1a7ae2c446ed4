import { numberedPlaceholders, SQL } from '../sql/bill-store-sql.js';
import { SqlReconciliations } from '../sql/reconciliation-sql.js';
import type { PgPool } from './postgres-driver.js';
import { LOCK_CLASS } from './postgres-sql.js';
import { inTransaction } from './postgres-transaction.js';

/**
 * The reconciliation runs of a PostgreSQL store: a save is one transaction with its event, saves one at a time (a
 * table lock only saves take), and the event insert holds the event
 * log's shared advisory lock from before its `seq` is drawn to the commit, as every event writer does
 * (postgres-writes.ts), so a reader of the log never sees its `seq` out of order.
 */
export function postgresReconciliations(pool: PgPool, schema: string): SqlReconciliations {
  return new SqlReconciliations({
    read: async ({ sql, params }) => (await pool.query(numberedPlaceholders(sql), params)).rows,
    write: (statements, eventValues) =>
      inTransaction(pool, async (client) => {
        // Saves take turns (reads do not wait): a second run of the same day, saved at once, sees the first
        // committed and replaces it, instead of both deleting nothing and one failing on the unique day.
        await client.query('LOCK TABLE reconciliation_runs IN SHARE ROW EXCLUSIVE MODE');
        for (const { sql, params } of statements) await client.query(numberedPlaceholders(sql), params);
        if (!eventValues) return;
        await client.query('SELECT pg_advisory_xact_lock_shared($1, hashtext($2))', [LOCK_CLASS.eventLog, schema]);
        await client.query(numberedPlaceholders(SQL.insertEvent), eventValues);
      }),
  });
}
