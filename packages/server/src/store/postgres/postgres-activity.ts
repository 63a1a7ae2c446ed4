import { numberedPlaceholders } from '../sql/bill-store-sql.js';
import { SqlActivityLog } from '../sql/activity-sql.js';
import type { PgPool } from './postgres-driver.js';
import { inTransaction } from './postgres-transaction.js';

/**
 * The activity log of a PostgreSQL store, on the store's pool (its connections' `search_path` is the store's schema).
 * A batch is one multi-row INSERT — one round trip and one commit; a batch of more than 1,000 entries (a backlog)
 * is several in one transaction.
 */
export function postgresActivityLog(pool: PgPool): SqlActivityLog {
  return new SqlActivityLog({
    read: async ({ sql, params }) => (await pool.query(numberedPlaceholders(sql), params)).rows,
    write: async (statements) => {
      if (statements.length === 1) {
        const { sql, params } = statements[0]!;
        return [(await pool.query(numberedPlaceholders(sql), params)).rowCount ?? 0];
      }
      return inTransaction(pool, async (client) => {
        const changed: number[] = [];
        for (const { sql, params } of statements)
          changed.push((await client.query(numberedPlaceholders(sql), params)).rowCount ?? 0);
        return changed;
      });
    },
  });
}
