import { DEFAULT_APP_ID, type Bill } from '@coinslot/protocol';
import type { PayServerLogger } from '../../options.js';
import type {
  BillRecord,
  BillStore,
  BillsToQuery,
  IdempotencyClaim,
  IdempotencyScope,
  InsertBillAnswer,
  ListBillsQuery,
  MatchedMove,
  TransitionFrom,
  TransitionOutcome,
} from '../bill-store.js';
import { UNPAID_QUERY_STATES, UNPAID_SETTLED_STATES } from '../bill-store.js';
import type { DispatchOutcome, NewEvent, StoredEvent } from '../event-outbox.js';
import type { EventRow } from '../sql/bill-store-sql.js';
import { eventOfRow, eventRowValues } from '../sql/event-rows.js';
import type { ReportSource } from '../../reports/report-source.js';
import { postgresReportSource } from './postgres-reports.js';
import type { ReconciliationStore } from '../../reconciliation/reconciliation-store.js';
import { postgresReconciliations } from './postgres-reconciliations.js';
import type { ActivityLog } from '../../activity/activity-log.js';
import { postgresActivityLog } from './postgres-activity.js';
import { transitionValues } from '../sql/transition-sql.js';
import { loadPg, type PgLoader, type PgPool } from './postgres-driver.js';
import { ensureSchema } from './postgres-schema.js';
import { PG_WRITES } from './postgres-writes.js';
import { LOCK_CLASS, PG_ONLY_SQL, PG_SQL, SCHEMA_NAME } from './postgres-sql.js';
import { inTransaction } from './postgres-transaction.js';

/** Options of {@link PostgresBillStore.open}. */
export interface PostgresBillStoreOptions {
  /** Where the database is: `postgres://user:password@host:5432/database` (`?sslmode=require` and the like work). */
  connectionString: string;
  /**
   * The schema the store's tables live in, created when missing: several pay servers (or a test per schema) can
   * share one database. A lower-case identifier. @default the connection's `search_path` (usually `public`)
   */
  schema?: string;
  /** Connections this instance opens at most. @default 10 */
  maxConnections?: number;
  /** How long a query waits for a connection (the server down, the pool exhausted), in ms. @default 10000 */
  connectTimeoutMs?: number;
  /** Told when an idle connection breaks (the pool drops it and opens a new one when needed). */
  logger?: Pick<PayServerLogger, 'warn'>;
  /** Loads pg's `Pool` constructor. @default `import('pg')` */
  loadDriver?: PgLoader;
}

type BillRow = { bill: string; launch: string };
type KeyRow = { body_hash: string; bill_id: string | null };

/** A stored bill; one written before apps (schema 1) belongs to the default app. */
function parseBill(row: { bill: string }): Bill {
  const bill = JSON.parse(row.bill) as Bill;
  bill.appId ??= DEFAULT_APP_ID;
  return bill;
}

/** The connection string without its password, for messages. */
export function describeDatabase(connectionString: string): string {
  if (!URL.canParse(connectionString)) return 'the PostgreSQL database';
  const url = new URL(connectionString);
  url.password = '';
  url.search = '';
  return url.toString();
}

/**
 * A {@link BillStore} in PostgreSQL, through the optional dependency `pg` (loaded when a store is opened, never on
 * import), for pay servers that run as several instances over one database. Every write commits before its promise
 * resolves. The schema is created or checked on open (postgres-schema.ts); the bills, keys and events statements are
 * the shared SQL of bill-store-sql.ts but for the claim of due events and the advisory locks (postgres-sql.ts).
 *
 * - `transition` is a compare-and-set on the state and the refund total (`UPDATE … WHERE state = $n AND <total> = $m
 *   RETURNING`, transition-sql.ts) whose event is inserted in the same transaction — one statement, so one round trip
 *   (postgres-writes.ts): two instances moving one bill at once — two partial refunds too — apply one change, and its
 *   event, once.
 * - `listEvents` never skips a `seq`: an identity value is taken at insert, not at commit, so a transaction holding
 *   seq 7 can commit after one holding seq 8, and a reader that saw 8 and moved its cursor there would never see 7.
 *   Every event insert therefore holds an advisory lock *shared* until its commit (writers never wait for each
 *   other), and `listEvents` takes it *exclusive* before it reads: it waits for the inserts in flight to commit and
 *   reads a log with no `seq` pending below what it sees (docs/decisions/0010-postgres-client.md has the costs).
 * - `claimDueEvents` leases with `FOR UPDATE SKIP LOCKED`: dispatchers on every instance never get one event at once.
 */
export class PostgresBillStore implements BillStore {
  readonly #pool: PgPool;
  #closed: Promise<void> | undefined;
  /** The reports over this store's bills (docs/reports.md), on indexes of their own. */
  readonly reports: ReportSource;
  /** The reconciliation runs (docs/reconciliation.md). */
  readonly reconciliations: ReconciliationStore;
  /** The activity log (src/activity/activity-log.ts), in the schema's `activity` and `instances` tables. */
  readonly activity: ActivityLog;

  private constructor(
    pool: PgPool,
    /** The schema the tables are in. */
    readonly schema: string,
  ) {
    this.#pool = pool;
    this.reports = postgresReportSource(pool);
    this.reconciliations = postgresReconciliations(pool, schema);
    this.activity = postgresActivityLog(pool);
  }

  /** Connects, creates or checks the schema (safe with several instances starting at once) and answers the store. */
  static async open(options: PostgresBillStoreOptions): Promise<PostgresBillStore> {
    const { connectionString, schema } = options;
    if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
      throw new Error(`schema must be a lower-case SQL identifier (letters, digits, _), not ${JSON.stringify(schema)}`);
    }
    const Pool = await (options.loadDriver ?? loadPg)();
    const where = describeDatabase(connectionString);
    const pool = new Pool({
      connectionString,
      max: options.maxConnections ?? 10,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
      application_name: 'coinslot-server',
      ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
    });
    pool.on('error', (error) =>
      options.logger?.warn('a PostgreSQL connection broke; the next query opens another', { error: error.message }),
    );
    try {
      return new PostgresBillStore(pool, await ensureSchema(pool, schema, where));
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw new Error(`cannot open the PostgreSQL bill store at ${where}: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }

  async getBill(id: string): Promise<BillRecord | undefined> {
    const row = (await this.#pool.query<BillRow>(PG_WRITES.getBill(id))).rows[0];
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
      if (!createdBy) await this.#pool.query(PG_SQL.insertBill, row);
      else {
        const key = [bill.id, createdBy.appId, createdBy.userId, createdBy.key];
        await this.#pool.query(PG_WRITES.insertBillCompletingKey(row, key));
      }
      return createdBy !== undefined;
    } catch (error) {
      if ((error as { code?: string }).code === '23505') {
        throw new Error(`bill ${bill.id} already exists`, { cause: error });
      }
      throw error;
    }
  }

  /**
   * One statement, so one round trip and one commit (postgres-writes.ts); the bill answered is the text just stored.
   * When the compare-and-set did not apply, a second statement reads the bill that won, as committed by then.
   */
  async transition(id: string, from: TransitionFrom, next: Bill, event?: NewEvent): Promise<TransitionOutcome> {
    const values = transitionValues(id, from, next);
    const { rowCount } = await this.#pool.query(
      event ? PG_WRITES.transitionWithEvent(values, this.schema, eventRowValues(event)) : PG_WRITES.transition(values),
    );
    if (rowCount === 1) return { applied: true, bill: parseBill({ bill: values[1] as string }) };
    const current = (await this.#pool.query<BillRow>(PG_WRITES.getBill(id))).rows[0];
    return { applied: false, bill: current && parseBill(current) };
  }

  /** One statement (postgres-writes.ts): the read, the compare-and-set and the event, in one round trip. */
  async moveIfMatches(move: MatchedMove): Promise<{ from: Bill; to: Bill } | undefined> {
    const row = (await this.#pool.query<{ before: string; after: string }>(PG_WRITES.moveIfMatches(move, this.schema)))
      .rows[0];
    return row && { from: parseBill({ bill: row.before }), to: parseBill({ bill: row.after }) };
  }

  async listBills({ appId, userId, state, limit }: ListBillsQuery): Promise<Bill[]> {
    return (await this.#pool.query<BillRow>(PG_SQL.listBills, [appId, userId, state, limit])).rows.map(parseBill);
  }

  async listExpiredBills(now: number, limit: number): Promise<Bill[]> {
    return (await this.#pool.query<BillRow>(PG_SQL.listExpired, ['created', now, limit])).rows.map(parseBill);
  }

  async countOpenBills(appId: string, userId: string, now: number): Promise<number> {
    const { rows } = await this.#pool.query<{ open: string }>(PG_SQL.countOpen, [appId, userId, 'created', now]);
    return Number(rows[0]!.open);
  }

  async purgeSettledBills(before: number, limit: number): Promise<number> {
    return (await this.#pool.query(PG_SQL.purgeSettled, [...UNPAID_SETTLED_STATES, before, limit])).rowCount ?? 0;
  }

  async listBillsToQuery({ kind, after, afterId, upTo, limit }: BillsToQuery): Promise<Bill[]> {
    const { rows } =
      kind === 'open'
        ? await this.#pool.query<BillRow>(PG_SQL.listOpenToQuery, ['created', after, upTo, after, afterId, limit])
        : await this.#pool.query<BillRow>(PG_SQL.listUnpaidToQuery, [
            ...UNPAID_QUERY_STATES,
            after,
            upTo,
            after,
            afterId,
            limit,
          ]);
    return rows.map(parseBill);
  }

  /**
   * One statement per step, each atomic on its own (no transaction needed): the insert waits for a concurrent insert
   * of the same key to commit, and a key released between the steps is simply claimed again.
   */
  async claimIdempotencyKey(
    scope: IdempotencyScope,
    bodyHash: string,
    now: number,
    staleBefore: number,
  ): Promise<IdempotencyClaim> {
    const { appId, userId, key } = scope;
    for (let attempt = 0; attempt < 5; attempt += 1) {
      if ((await this.#pool.query(PG_SQL.claimKey, [appId, userId, key, bodyHash, now])).rowCount === 1)
        return { status: 'claimed' };
      const takeOver = await this.#pool.query(PG_SQL.takeOverStaleKey, [
        bodyHash,
        now,
        appId,
        userId,
        key,
        staleBefore,
      ]);
      if (takeOver.rowCount === 1) return { status: 'claimed' };
      const row = (await this.#pool.query<KeyRow>(PG_SQL.readKey, [appId, userId, key])).rows[0];
      if (row?.bill_id) return { status: 'done', bodyHash: row.body_hash, billId: row.bill_id };
      if (row) return { status: 'in-flight', bodyHash: row.body_hash };
    }
    throw new Error(`idempotency key ${key} kept changing under five claims in a row`);
  }

  async completeIdempotencyKey(scope: IdempotencyScope, billId: string): Promise<void> {
    await this.#pool.query(PG_SQL.completeKey, [billId, scope.appId, scope.userId, scope.key]);
  }

  async releaseIdempotencyKey(scope: IdempotencyScope): Promise<void> {
    await this.#pool.query(PG_SQL.releaseKey, [scope.appId, scope.userId, scope.key]);
  }

  async purgeIdempotencyKeys(before: number): Promise<number> {
    return (await this.#pool.query(PG_SQL.purgeKeys, [before])).rowCount ?? 0;
  }

  async listEvents(after: number, limit: number, appId?: string): Promise<StoredEvent[]> {
    return inTransaction(this.#pool, async (client) => {
      await client.query(PG_ONLY_SQL.settleTimeout);
      await client.query(PG_ONLY_SQL.settleEventLog, [LOCK_CLASS.eventLog, this.schema]);
      const { rows } =
        appId === undefined
          ? await client.query<EventRow>(PG_SQL.listEvents, [after, limit])
          : await client.query<EventRow>(PG_SQL.listAppEvents, [appId, after, limit]);
      return rows.map(eventOfRow);
    });
  }

  /** A plain read: unlike {@link listEvents} it hands out no cursor, so it need not wait for `seq`s in flight. */
  async listEventsOfBill(appId: string, billId: string, limit: number): Promise<StoredEvent[]> {
    return (await this.#pool.query<EventRow>(PG_SQL.listBillEvents, [billId, appId, limit])).rows.map(eventOfRow);
  }

  async claimDueEvents(now: number, leaseUntil: number, limit: number): Promise<StoredEvent[]> {
    const { rows } = await this.#pool.query<EventRow>(PG_ONLY_SQL.claimDueEvents, [now, leaseUntil, limit]);
    // UPDATE … RETURNING has no order: oldest due first, as the contract says.
    return rows.map(eventOfRow).sort((a, b) => a.nextAttemptAt - b.nextAttemptAt || a.seq - b.seq);
  }

  async recordDispatch(seq: number, outcome: DispatchOutcome): Promise<void> {
    const nextAttemptAt = outcome.state === 'pending' ? outcome.nextAttemptAt : 0;
    await this.#pool.query(PG_SQL.recordDispatch, [outcome.state, nextAttemptAt, seq]);
  }

  async purgeEvents(before: number, limit: number): Promise<number> {
    return (await this.#pool.query(PG_SQL.purgeEvents, [before, limit])).rowCount ?? 0;
  }

  async oldestPendingEvent(): Promise<{ seq: number; createdAt: number; nextAttemptAt: number } | undefined> {
    type Row = { seq: string; created_at: string; next_attempt_at: string };
    const row = (await this.#pool.query<Row>(PG_SQL.oldestPending)).rows[0];
    return (
      row && { seq: Number(row.seq), createdAt: Number(row.created_at), nextAttemptAt: Number(row.next_attempt_at) }
    );
  }

  /** Closes every connection once the queries under way finish; later calls reject. Safe to call twice. */
  close(): Promise<void> {
    this.#closed ??= this.#pool.end();
    return this.#closed;
  }
}
