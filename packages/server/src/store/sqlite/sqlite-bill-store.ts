import { DEFAULT_APP_ID, type Bill } from '@coinslot/protocol';
import { mkdir, open } from 'node:fs/promises';
import { dirname } from 'node:path';
import type {
  BillRecord,
  BillStore,
  BillsToQuery,
  IdempotencyClaim,
  IdempotencyScope,
  InsertBillAnswer,
  ListBillsQuery,
  TransitionFrom,
  TransitionOutcome,
} from '../bill-store.js';
import { UNPAID_QUERY_STATES, UNPAID_SETTLED_STATES } from '../bill-store.js';
import type { DispatchOutcome, NewEvent, StoredEvent } from '../event-outbox.js';
import { type EventRow, SQL, type StatementName } from '../sql/bill-store-sql.js';
import { eventOfRow, eventRowValues } from '../sql/event-rows.js';
import { TRANSITION_SQL, transitionValues } from '../sql/transition-sql.js';
import {
  loadBetterSqlite3,
  openDatabase,
  type SqliteDatabase,
  type SqliteLoader,
  type SqliteStatement,
} from './sqlite-driver.js';
import { applyDurabilityPragmas, ensureSchema } from './sqlite-schema.js';
import type { ReportSource } from '../../reports/report-source.js';
import { sqliteReportSource } from './sqlite-reports.js';
import type { ReconciliationStore } from '../../reconciliation/reconciliation-store.js';
import { sqliteReconciliations } from './sqlite-reconciliations.js';
import type { ActivityLog } from '../../activity/activity-log.js';
import { sqliteActivityLog } from './sqlite-activity.js';

/** Options of {@link SqliteBillStore.open}. */
export interface SqliteBillStoreOptions {
  /** How long a write waits for another process holding the file's write lock, in ms. @default 5000 */
  busyTimeoutMs?: number;
  /** Loads better-sqlite3's `Database` constructor. @default `import('better-sqlite3')` */
  loadDriver?: SqliteLoader;
}

type BillRow = { bill: string; launch: string };
type KeyRow = { body_hash: string; bill_id: string | null };

/** A stored bill; one written before apps (schema 1) belongs to the default app. */
function parseBill(row: { bill: string }): Bill {
  const bill = JSON.parse(row.bill) as Bill;
  bill.appId ??= DEFAULT_APP_ID;
  return bill;
}

/**
 * Creates the database file readable by its owner only (0600) before SQLite opens it; SQLite gives its `-wal` and
 * `-shm` files the database file's mode. An existing file keeps its mode (data-dir.ts warns when it is shared).
 */
async function createOwnerOnly(filename: string): Promise<void> {
  if (filename === ':memory:' || filename === '' || filename.startsWith('file:')) return;
  try {
    await (await open(filename, 'wx', 0o600)).close();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}

/**
 * The durable {@link BillStore}: one SQLite file in WAL mode with `synchronous=FULL`, through the optional
 * dependency better-sqlite3 (loaded when a store is opened, never on import). Every method is one transaction
 * that is on disk before its promise resolves, so a bill acknowledged to a client survives a crash or `kill -9`.
 * Calls run synchronously in the caller's process, which makes each atomic; a second process on the same file
 * is serialised by SQLite's lock (it waits up to `busyTimeoutMs`).
 */
export class SqliteBillStore implements BillStore {
  readonly #db: SqliteDatabase;
  readonly #sql: Record<StatementName, SqliteStatement>;
  readonly #transition: SqliteStatement;
  /** The reports over this store's bills (docs/reports.md), on indexes of their own. */
  readonly reports: ReportSource;
  /** The reconciliation runs (docs/reconciliation.md). */
  readonly reconciliations: ReconciliationStore;
  /** The activity log (src/activity/activity-log.ts), in this file's `activity` and `instances` tables. */
  readonly activity: ActivityLog;

  private constructor(
    db: SqliteDatabase,
    /** The database file. */
    readonly filename: string,
  ) {
    this.#db = db;
    this.reports = sqliteReportSource(db);
    this.reconciliations = sqliteReconciliations(db);
    this.activity = sqliteActivityLog(db);
    const entries = Object.entries(SQL).map(([name, sql]) => [name, db.prepare(sql)]);
    this.#sql = Object.fromEntries(entries) as Record<StatementName, SqliteStatement>;
    this.#transition = db.prepare(TRANSITION_SQL.sqlite);
  }

  /** Opens (creating when missing, with its directory) the store in `filename`. */
  static async open(filename: string, options: SqliteBillStoreOptions = {}): Promise<SqliteBillStore> {
    const Database = await (options.loadDriver ?? loadBetterSqlite3)();
    await mkdir(dirname(filename), { recursive: true, mode: 0o700 });
    await createOwnerOnly(filename);
    const db = openDatabase(Database, filename, options.busyTimeoutMs ?? 5000);
    try {
      applyDurabilityPragmas(db);
      ensureSchema(db, filename);
      return new SqliteBillStore(db, filename);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  async getBill(id: string): Promise<BillRecord | undefined> {
    const row = this.#sql.getBill.get(id) as BillRow | undefined;
    return row && { bill: parseBill(row), launch: JSON.parse(row.launch) as BillRecord['launch'] };
  }

  /** Stores the bill, and marks `createdBy` done in the same write: answers whether it did. */
  async insertBill(record: BillRecord, createdBy?: IdempotencyScope): Promise<InsertBillAnswer> {
    const { bill, launch } = record;
    const row = [
      bill.id,
      bill.appId,
      bill.userId,
      bill.state,
      bill.createdAt,
      bill.expiresAt,
      JSON.stringify(bill),
      JSON.stringify(launch),
    ];
    try {
      this.#db
        .transaction(() => {
          this.#sql.insertBill.run(...row);
          if (createdBy) this.#sql.completeKey.run(bill.id, createdBy.appId, createdBy.userId, createdBy.key);
        })
        .immediate();
      return createdBy !== undefined;
    } catch (error) {
      if ((error as { code?: string }).code?.startsWith('SQLITE_CONSTRAINT')) {
        throw new Error(`bill ${bill.id} already exists`, { cause: error });
      }
      throw error;
    }
  }

  async transition(id: string, from: TransitionFrom, next: Bill, event?: NewEvent): Promise<TransitionOutcome> {
    return this.#db
      .transaction((): TransitionOutcome => {
        const applied = this.#transition.get(...transitionValues(id, from, next)) as BillRow | undefined;
        if (applied && event) this.#sql.insertEvent.run(...eventRowValues(event));
        if (applied) return { applied: true, bill: parseBill(applied) };
        const current = this.#sql.getBill.get(id) as BillRow | undefined;
        return { applied: false, bill: current && parseBill(current) };
      })
      .immediate();
  }

  async listBills({ appId, userId, state, limit }: ListBillsQuery): Promise<Bill[]> {
    return (this.#sql.listBills.all(appId, userId, state, limit) as BillRow[]).map(parseBill);
  }

  async listExpiredBills(now: number, limit: number): Promise<Bill[]> {
    return (this.#sql.listExpired.all('created', now, limit) as BillRow[]).map(parseBill);
  }

  async countOpenBills(appId: string, userId: string, now: number): Promise<number> {
    return (this.#sql.countOpen.get(appId, userId, 'created', now) as { open: number }).open;
  }

  async purgeSettledBills(before: number, limit: number): Promise<number> {
    return this.#sql.purgeSettled.run(...UNPAID_SETTLED_STATES, before, limit).changes;
  }

  async listBillsToQuery({ kind, after, afterId, upTo, limit }: BillsToQuery): Promise<Bill[]> {
    const rows =
      kind === 'open'
        ? this.#sql.listOpenToQuery.all('created', after, upTo, after, afterId, limit)
        : this.#sql.listUnpaidToQuery.all(...UNPAID_QUERY_STATES, after, upTo, after, afterId, limit);
    return (rows as BillRow[]).map(parseBill);
  }

  async claimIdempotencyKey(
    scope: IdempotencyScope,
    bodyHash: string,
    now: number,
    staleBefore: number,
  ): Promise<IdempotencyClaim> {
    const { appId, userId, key } = scope;
    return this.#db
      .transaction((): IdempotencyClaim => {
        if (this.#sql.claimKey.run(appId, userId, key, bodyHash, now).changes === 1) return { status: 'claimed' };
        if (this.#sql.takeOverStaleKey.run(bodyHash, now, appId, userId, key, staleBefore).changes === 1)
          return { status: 'claimed' };
        const row = this.#sql.readKey.get(appId, userId, key) as KeyRow;
        if (row.bill_id !== null) return { status: 'done', bodyHash: row.body_hash, billId: row.bill_id };
        return { status: 'in-flight', bodyHash: row.body_hash };
      })
      .immediate();
  }

  async completeIdempotencyKey(scope: IdempotencyScope, billId: string): Promise<void> {
    this.#sql.completeKey.run(billId, scope.appId, scope.userId, scope.key);
  }

  async releaseIdempotencyKey(scope: IdempotencyScope): Promise<void> {
    this.#sql.releaseKey.run(scope.appId, scope.userId, scope.key);
  }

  async purgeIdempotencyKeys(before: number): Promise<number> {
    return this.#sql.purgeKeys.run(before).changes;
  }

  async listEvents(after: number, limit: number, appId?: string): Promise<StoredEvent[]> {
    const rows =
      appId === undefined ? this.#sql.listEvents.all(after, limit) : this.#sql.listAppEvents.all(appId, after, limit);
    return (rows as EventRow[]).map(eventOfRow);
  }

  async listEventsOfBill(appId: string, billId: string, limit: number): Promise<StoredEvent[]> {
    return (this.#sql.listBillEvents.all(billId, appId, limit) as EventRow[]).map(eventOfRow);
  }

  async claimDueEvents(now: number, leaseUntil: number, limit: number): Promise<StoredEvent[]> {
    return this.#db
      .transaction((): StoredEvent[] => {
        const due = this.#sql.dueEvents.all(now, now, limit) as EventRow[];
        for (const row of due) this.#sql.leaseEvent.run(leaseUntil, row.seq, now);
        return due.map(eventOfRow);
      })
      .immediate();
  }

  async recordDispatch(seq: number, outcome: DispatchOutcome): Promise<void> {
    const nextAttemptAt = outcome.state === 'pending' ? outcome.nextAttemptAt : 0;
    this.#sql.recordDispatch.run(outcome.state, nextAttemptAt, seq);
  }

  async purgeEvents(before: number, limit: number): Promise<number> {
    return this.#sql.purgeEvents.run(before, limit).changes;
  }

  async oldestPendingEvent(): Promise<{ seq: number; createdAt: number; nextAttemptAt: number } | undefined> {
    const row = this.#sql.oldestPending.get() as
      | { seq: number; created_at: number; next_attempt_at: number }
      | undefined;
    return (
      row && { seq: Number(row.seq), createdAt: Number(row.created_at), nextAttemptAt: Number(row.next_attempt_at) }
    );
  }

  /** Closes the database file; later calls reject. Safe to call twice. */
  async close(): Promise<void> {
    if (this.#db.open) this.#db.close();
  }
}
