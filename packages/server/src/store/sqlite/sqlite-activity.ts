import { SqlActivityLog } from '../sql/activity-sql.js';
import type { SqliteDatabase, SqliteStatement } from './sqlite-driver.js';

/**
 * The activity log of a SQLite store: a batch is one write transaction. Reads are prepared once each; writes (an
 * insert's text varies with its batch's size) are prepared when run, so no cache grows with them.
 */
export function sqliteActivityLog(db: SqliteDatabase): SqlActivityLog {
  const prepared = new Map<string, SqliteStatement>();
  const statement = (sql: string) => {
    let found = prepared.get(sql);
    if (!found) prepared.set(sql, (found = db.prepare(sql)));
    return found;
  };
  return new SqlActivityLog({
    read: async ({ sql, params }) => statement(sql).all(...params) as Record<string, unknown>[],
    write: async (statements) =>
      db.transaction(() => statements.map(({ sql, params }) => db.prepare(sql).run(...params).changes)).immediate(),
  });
}
