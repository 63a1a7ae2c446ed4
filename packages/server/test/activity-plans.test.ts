import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { ActivityLog } from '../src/activity/activity-log.js';
import { SqliteBillStore } from '../src/index.js';
import { type ActivityStatement, SqlActivityLog } from '../src/store/sql/activity-sql.js';
import { numberedPlaceholders, SQL } from '../src/store/sql/bill-store-sql.js';
import { loadPg } from '../src/store/postgres/postgres-driver.js';
import type { SqliteDatabase } from '../src/store/sqlite/sqlite-driver.js';
import {
  closeTestDatabase,
  dropSchema,
  freshSchemaName,
  openTestPostgresStore,
  TEST_DATABASE_URL,
} from './postgres-test-database.js';

const Database = createRequire(import.meta.url)('better-sqlite3') as new (file: string) => SqliteDatabase;
const MONTH = { from: 0, to: 30 * 86_400_000 };

/** The index condition every plan of `index` must show: by `condition` on SQLite, by `column <op>` on PostgreSQL. */
const on = (index: string, condition: string, column: string, op: string) => ({
  sqlite: new RegExp(`INDEX ${index} \\(${condition.replace(/[?()]/g, '\\$&')}`),
  postgres: new RegExp(
    `(using ${index} on activity\\b|Bitmap Index Scan on ${index})[^\\n]*\\n\\s*Index Cond: \\(+${column} ${op} `,
  ),
});

/** Each read of the log, and the index its statements must run on, by its leading column. */
const READS: {
  name: string;
  run: (log: ActivityLog) => Promise<unknown>;
  plan: { sqlite: RegExp; postgres: RegExp };
}[] = [
  {
    name: 'listForBill',
    run: (log) => log.listForBill('b1', 500),
    plan: on('activity_by_bill', 'bill_id=?', 'bill_id', '='),
  },
  {
    name: 'findBillsByTradeNo',
    run: (log) => log.findBillsByTradeNo('T-1', 10),
    plan: on('activity_by_trade_no', 'channel_trade_no=?', 'channel_trade_no', '='),
  },
  {
    name: 'findBillsByTradeNo of one game',
    run: (log) => log.findBillsByTradeNo('T-1', 10, 'game-a'),
    plan: on('activity_by_trade_no', 'channel_trade_no=?', 'channel_trade_no', '='),
  },
  {
    name: 'countNotifications',
    run: (log) => log.countNotifications(MONTH),
    plan: on('activity_notifications', 'at>? AND at<?)', 'at', '>='),
  },
  {
    name: 'countNotifications of one game',
    run: (log) => log.countNotifications({ ...MONTH, appId: 'game-a' }),
    plan: on('activity_notifications', 'at>? AND at<?)', 'at', '>='),
  },
  {
    name: 'webhookEndpoints',
    run: (log) => log.webhookEndpoints(MONTH),
    plan: on('activity_webhooks', 'at>? AND at<?)', 'at', '>='),
  },
  {
    name: 'purgeBefore',
    run: (log) => log.purgeBefore(MONTH.to, 1000),
    plan: on('activity_by_time', 'at<?)', 'at', '<'),
  },
];

/** The statements `read` runs, recorded by a log over an engine that runs nothing. */
async function statementsOf(read: (log: ActivityLog) => Promise<unknown>): Promise<ActivityStatement[]> {
  const statements: ActivityStatement[] = [];
  const recorder = new SqlActivityLog({
    read: async (statement) => (statements.push(statement), []),
    write: async (written) => (statements.push(...written), written.map(() => 0)),
  });
  await read(recorder);
  return statements;
}

const dirs: string[] = [];
const schemas: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  await Promise.all(schemas.splice(0).map(dropSchema));
});
afterAll(closeTestDatabase);

/** SQLite's plan of each statement, on a store's fresh file. */
async function sqlitePlans(statements: readonly ActivityStatement[]): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), 'coinslot-activity-plans-'));
  dirs.push(dir);
  const file = join(dir, 'bills.sqlite');
  await (await SqliteBillStore.open(file)).close();
  const db = new Database(file);
  try {
    return statements.map(({ sql, params }) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[])
        .map((row) => row.detail)
        .join('\n'),
    );
  } finally {
    db.close();
  }
}

/**
 * PostgreSQL's plan of each statement in a store's fresh schema, sequential scans priced out: it still scans the
 * table only when no index serves the statement.
 */
async function postgresPlans(statements: readonly ActivityStatement[]): Promise<string[]> {
  const schema = freshSchemaName();
  schemas.push(schema);
  await (await openTestPostgresStore(schema)).close();
  const pool = new (await loadPg())({
    connectionString: TEST_DATABASE_URL,
    max: 1,
    connectionTimeoutMillis: 5000,
    application_name: 'coinslot-tests',
    options: `-c search_path=${schema} -c enable_seqscan=off`,
  });
  try {
    const plans: string[] = [];
    for (const { sql, params } of statements) {
      const { rows } = await pool.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${numberedPlaceholders(sql)}`, params);
      plans.push(rows.map((row) => row['QUERY PLAN']).join('\n'));
    }
    return plans;
  } finally {
    await pool.end();
  }
}

describe('the activity log’s reads run on its indexes', () => {
  it.each(READS)('SQLite: $name', async ({ run, plan: expected }) => {
    const plans = await sqlitePlans(await statementsOf(run));
    // The first statement is the read itself (the others take the last refused or failed by a probe).
    expect(plans[0]).toMatch(expected.sqlite);
    for (const plan of plans) expect(plan).not.toMatch(/^SCAN (activity|a)\b/m);
  });

  it.each(READS)('PostgreSQL: $name', async ({ run, plan: expected }) => {
    const plans = await postgresPlans(await statementsOf(run));
    expect(plans[0]).toMatch(expected.postgres);
    for (const plan of plans) expect(plan).not.toMatch(/Seq Scan on activity/);
  });

  it('one bill’s events on events_by_bill, in SQLite and PostgreSQL', async () => {
    const statement = { sql: SQL.listBillEvents, params: ['b1', 'default', 10] };
    expect(await sqlitePlans([statement])).toEqual([expect.stringMatching(/events_by_bill/)]);
    expect(await postgresPlans([statement])).toEqual([expect.stringMatching(/events_by_bill/)]);
  });
});
