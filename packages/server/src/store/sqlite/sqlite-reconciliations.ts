import { SQL } from '../sql/bill-store-sql.js';
import { SqlReconciliations } from '../sql/reconciliation-sql.js';
import type { SqliteDatabase } from './sqlite-driver.js';

/** The reconciliation runs of a SQLite store: a save is one write transaction with its event. */
export function sqliteReconciliations(db: SqliteDatabase): SqlReconciliations {
  const insertEvent = db.prepare(SQL.insertEvent);
  return new SqlReconciliations({
    read: async ({ sql, params }) => db.prepare(sql).all(...params) as Record<string, unknown>[],
    write: async (statements, eventValues) => {
      db.transaction(() => {
        for (const { sql, params } of statements) db.prepare(sql).run(...params);
        if (eventValues) insertEvent.run(...eventValues);
      }).immediate();
    },
  });
}
