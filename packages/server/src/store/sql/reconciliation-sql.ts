import type { Bill } from '@coinslot/protocol';
import type { ReconciliationStore, RunQuery } from '../../reconciliation/reconciliation-store.js';
import type { ReconciliationItem, ReconciliationRun } from '../../reconciliation/reconciliation-types.js';
import type { NewEvent } from '../event-outbox.js';
import { eventRowValues } from './event-rows.js';

/**
 * The reconciliation tables (docs/reconciliation.md), created on open like the others (`IF NOT EXISTS`: a database
 * from before them gains them on its next open, and an older server ignores them). One row per run — unique per
 * (game, channel, day): a re-run replaces it — and one per item in its order.
 */
export const RECONCILIATION_TABLES: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS reconciliation_runs (
    id TEXT PRIMARY KEY, app_id TEXT NOT NULL, channel TEXT NOT NULL, day TEXT NOT NULL,
    created_at BIGINT NOT NULL, run TEXT NOT NULL, UNIQUE (app_id, channel, day)
  )`,
  `CREATE TABLE IF NOT EXISTS reconciliation_items (
    run_id TEXT NOT NULL, position INTEGER NOT NULL, kind TEXT NOT NULL, bill_id TEXT, item TEXT NOT NULL,
    PRIMARY KEY (run_id, position)
  )`,
  'CREATE INDEX IF NOT EXISTS reconciliation_runs_by_time ON reconciliation_runs (created_at)',
  'CREATE INDEX IF NOT EXISTS reconciliation_runs_by_app ON reconciliation_runs (app_id, created_at)',
];

/** One statement with `?` placeholders. */
export interface Statement {
  sql: string;
  params: unknown[];
}

/** Each engine's way to read, and to write statements and an event (`SQL.insertEvent`'s values) atomically. */
export interface ReconciliationSqlEngine {
  read(statement: Statement): Promise<Record<string, unknown>[]>;
  write(statements: readonly Statement[], eventValues: unknown[] | undefined): Promise<void>;
}

const moved = (column: string) =>
  `SELECT id, bill FROM bills WHERE r_app = ? AND r_channel = ? AND ${column} >= ? AND ${column} < ?`;
const MOVED = `${moved('r_paid_at')} UNION ${moved('r_refunded_at')} UNION ${moved('r_charged_back_at')}`;
const SAME_DAY = 'app_id = ? AND channel = ? AND day = ?';
const ITEM_ROWS_PER_INSERT = 100;

/** A {@link ReconciliationStore} over SQL: the same statements on SQLite and PostgreSQL (on the report columns). */
export class SqlReconciliations implements ReconciliationStore {
  constructor(private readonly engine: ReconciliationSqlEngine) {}

  async billsMovedBetween(appId: string, channel: string, from: number, to: number): Promise<Bill[]> {
    const params = [0, 1, 2].flatMap(() => [appId, channel, from, to]);
    const rows = await this.engine.read({ sql: MOVED, params });
    return rows.map((row) => JSON.parse(String(row.bill)) as Bill);
  }

  async saveRun(run: ReconciliationRun, items: readonly ReconciliationItem[], event?: NewEvent): Promise<void> {
    const day = [run.appId, run.channel, run.date];
    const statements: Statement[] = [
      {
        sql: `DELETE FROM reconciliation_items WHERE run_id IN (SELECT id FROM reconciliation_runs WHERE ${SAME_DAY})`,
        params: day,
      },
      { sql: `DELETE FROM reconciliation_runs WHERE ${SAME_DAY}`, params: day },
      {
        sql: 'INSERT INTO reconciliation_runs (id, app_id, channel, day, created_at, run) VALUES (?, ?, ?, ?, ?, ?)',
        params: [run.id, ...day, run.createdAt, JSON.stringify(run)],
      },
    ];
    for (let start = 0; start < items.length; start += ITEM_ROWS_PER_INSERT) {
      const chunk = items.slice(start, start + ITEM_ROWS_PER_INSERT);
      statements.push({
        sql: `INSERT INTO reconciliation_items (run_id, position, kind, bill_id, item) VALUES ${chunk.map(() => '(?, ?, ?, ?, ?)').join(', ')}`,
        params: chunk.flatMap((item, i) => [run.id, start + i, item.kind, item.billId, JSON.stringify(item)]),
      });
    }
    await this.engine.write(statements, event && eventRowValues(event));
  }

  async listRuns(query: RunQuery): Promise<ReconciliationRun[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (query.appId !== undefined) where.push('app_id = ?'), params.push(query.appId);
    if (query.channel !== undefined) where.push('channel = ?'), params.push(query.channel);
    const filter = where.length > 0 ? `WHERE ${where.join(' AND ')} ` : '';
    const rows = await this.engine.read({
      sql: `SELECT run FROM reconciliation_runs ${filter}ORDER BY created_at DESC, id LIMIT ?`,
      params: [...params, query.limit],
    });
    return rows.map((row) => JSON.parse(String(row.run)) as ReconciliationRun);
  }

  async getRun(id: string): Promise<{ run: ReconciliationRun; items: ReconciliationItem[] } | undefined> {
    const [found] = await this.engine.read({ sql: 'SELECT run FROM reconciliation_runs WHERE id = ?', params: [id] });
    if (!found) return undefined;
    const rows = await this.engine.read({
      sql: 'SELECT item FROM reconciliation_items WHERE run_id = ? ORDER BY position',
      params: [id],
    });
    return {
      run: JSON.parse(String(found.run)) as ReconciliationRun,
      items: rows.map((row) => JSON.parse(String(row.item)) as ReconciliationItem),
    };
  }
}
