#!/usr/bin/env node
// @ts-check
/**
 * The reports on a million bills (issue 14): seeds `--bills` bills (default 1 000 000, over 365 days of 2025) into a
 * SQLite file and a PostgreSQL schema, then times every report as the admin route builds it (the store's SQL, the
 * fold into local days, the JSON text) for a month and for the whole year in America/New_York, `--runs` times each
 * (default 3; the median is printed), and prints each statement's plan (EXPLAIN QUERY PLAN / EXPLAIN ANALYZE) to
 * show it runs on the report indexes.
 *
 *   node bench/reports/seed-and-time.mjs [--bills 1000000] [--runs 3] [--stores sqlite,postgres] [--ranges month,year] [--keep]
 *
 * PostgreSQL: $COINSLOT_TEST_DATABASE_URL or the test database (scripts/prepare-test-machine.mjs --with postgres);
 * the schema `bench_reports` is dropped and made afresh (kept with --keep, like the SQLite file under /tmp).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadReportsModule } from './load-sources.mjs';
import { seedBills } from './seed-bills.mjs';

const { values } = parseArgs({
  options: {
    bills: { type: 'string', default: '1000000' },
    days: { type: 'string', default: '365' },
    runs: { type: 'string', default: '3' },
    stores: { type: 'string', default: 'sqlite,postgres' },
    ranges: { type: 'string', default: 'month,year' },
    keep: { type: 'boolean', default: false },
  },
});
const COUNT = Number(values.bills);
const RUNS = Math.max(3, Number(values.runs));
const START = Date.parse('2025-01-01T00:00:00Z');
const DATABASE_URL =
  process.env.COINSLOT_TEST_DATABASE_URL ?? 'postgres://coinslot_test:coinslot_test@127.0.0.1:5432/test';
const SCHEMA = 'bench_reports';
const ZONE = 'America/New_York';
const RANGES = {
  month: `from=2025-03-01&to=2025-03-31&tz=${ZONE}`,
  year: `from=2025-01-01&to=2025-12-31&tz=${ZONE}`,
};
/** The clock the reports are asked at: the day after the seeded year. */
const NOW = Date.parse('2026-01-01T00:00:00Z');

const m = await loadReportsModule();
const log = (/** @type {string} */ line) => process.stdout.write(`${line}\n`);
const median = (/** @type {number[]} */ xs) =>
  /** @type {number} */ ([...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]);

/** Seeds through `insertBatch(rows)`, 5 000 bills a batch; answers the seconds taken. */
async function seed(/** @type {(rows: unknown[][]) => Promise<void> | void} */ insertBatch) {
  const started = performance.now();
  /** @type {unknown[][]} */
  let batch = [];
  const pending = [];
  seedBills({ count: COUNT, start: START, days: Number(values.days) }, (bill) => {
    batch.push([bill.id, bill.userId, bill.state, bill.createdAt, bill.expiresAt, JSON.stringify(bill), '{}']);
    if (batch.length === 5000) pending.push(batch), (batch = []);
  });
  if (batch.length > 0) pending.push(batch);
  for (const rows of pending) await insertBatch(rows);
  return (performance.now() - started) / 1000;
}

/**
 * Times every report for every range as the admin route runs it — parse the query, the store's statements, the fold
 * into local days, the JSON text — without HTTP, and without a server's sweeps (expiry and retention would change the
 * seeded bills under the clock of today).
 */
async function timeReports(/** @type {string} */ name, /** @type {any} */ store) {
  const reports = {
    revenue: m.revenueReport,
    funnel: m.funnelReport,
    payers: m.payersReport,
    reversals: m.reversalReport,
    undelivered: m.undeliveredReport,
  };
  log('| store | range | report | median | runs (ms) | rows |');
  log('|---|---|---|---|---|---|');
  const ranges = Object.entries(RANGES).filter(([range]) => values.ranges.split(',').includes(range));
  for (const [range, query] of ranges) {
    for (const [report, build] of Object.entries(reports)) {
      const url = new URL(`http://bench.local/v1/admin/reports/${report}?${query}&olderThan=1h`);
      const times = [];
      let rows = 0;
      for (let run = 0; run < RUNS; run++) {
        const t0 = performance.now();
        const table = await build(store.reports, m.parseReportQuery(url, NOW), url, NOW);
        JSON.stringify(table);
        times.push(performance.now() - t0);
        rows = table.rows.length;
      }
      const runs = times.map((t) => t.toFixed(0)).join(' ');
      log(`| ${name} | ${range} | ${report} | ${median(times).toFixed(0)} ms | ${runs} | ${rows} |`);
    }
  }
}

/** The report statements for a month, to EXPLAIN. */
function monthStatements(/** @type {boolean} */ indexedBy) {
  const query = m.parseReportQuery(new URL(`http://x/?${RANGES.month}`), Date.now());
  return {
    paid: m.moneySql(...m.MONEY.paid, query.window, indexedBy),
    refunded: m.moneySql(...m.MONEY.refunded, query.window, indexedBy),
    chargedBack: m.moneySql(...m.MONEY.chargedBack, query.window, indexedBy),
    funnel: m.funnelSql(query.window, indexedBy),
    payers: m.payersSql(query.window, indexedBy),
    reversals: m.reversalsSql(query.window, indexedBy),
    undelivered: m.undeliveredSql(Date.parse('2025-12-31T00:00:00Z'), 'second', 1000)[0],
  };
}

async function sqlite() {
  const dir = await mkdtemp(join(tmpdir(), 'coinslot-reports-bench-'));
  const file = join(dir, 'bills.sqlite');
  (await m.SqliteBillStore.open(file)).close();
  const Database = (await import('better-sqlite3')).default;
  const db = new Database(file);
  db.pragma('synchronous = OFF');
  const insert = db.prepare(
    'INSERT INTO bills (id, user_id, state, created_at, expires_at, bill, launch) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const many = db.transaction((/** @type {unknown[][]} */ rows) => {
    for (const row of rows) insert.run(...row);
  });
  const seconds = await seed((rows) => many(rows));
  db.exec('ANALYZE');
  log(`SQLite: ${COUNT} bills seeded in ${seconds.toFixed(1)} s (${file})`);
  for (const [name, statement] of Object.entries(monthStatements(true))) {
    const plan = db.prepare(`EXPLAIN QUERY PLAN ${statement.sql}`).all(...statement.params);
    log(`  plan ${name}: ${plan.map((/** @type {any} */ row) => row.detail).join(' / ')}`);
  }
  db.close();
  const store = await m.SqliteBillStore.open(file);
  await timeReports('SQLite', store);
  await store.close();
  if (!values.keep) await rm(dir, { recursive: true, force: true });
}

async function postgres() {
  const { default: pg } = await import('pg');
  const admin = new pg.Pool({ connectionString: DATABASE_URL, max: 1 });
  await admin.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
  (await m.PostgresBillStore.open({ connectionString: DATABASE_URL, schema: SCHEMA })).close();
  const seconds = await seed(async (rows) => {
    const params = rows.flat();
    const tuples = rows.map((_, r) => `(${[1, 2, 3, 4, 5, 6, 7].map((c) => `$${r * 7 + c}`).join(', ')})`);
    await admin.query(
      `INSERT INTO ${SCHEMA}.bills (id, user_id, state, created_at, expires_at, bill, launch) VALUES ${tuples.join(', ')}`,
      params,
    );
  });
  await admin.query(`VACUUM ANALYZE ${SCHEMA}.bills`);
  log(`PostgreSQL: ${COUNT} bills seeded in ${seconds.toFixed(1)} s (schema ${SCHEMA})`);
  const client = await admin.connect();
  await client.query(`SET search_path = ${SCHEMA}`);
  for (const [name, statement] of Object.entries(monthStatements(false))) {
    const sql = m.numberedPlaceholders(statement.sql);
    const { rows } = await client.query(`EXPLAIN (ANALYZE, COSTS OFF) ${sql}`, statement.params);
    const lines = rows
      .map((/** @type {any} */ row) => row['QUERY PLAN'])
      .filter((line) => /Scan|Heap Fetches|Execution Time/.test(line));
    log(`  plan ${name}: ${lines.map((line) => line.trim()).join(' / ')}`);
  }
  client.release();
  const store = await m.PostgresBillStore.open({ connectionString: DATABASE_URL, schema: SCHEMA });
  await timeReports('PostgreSQL', store);
  await store.close();
  if (!values.keep) await admin.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
  await admin.end();
}

log(`reports bench: ${COUNT} bills over ${values.days} days, ${RUNS} runs per report, zone ${ZONE}`);
const stores = values.stores.split(',');
if (stores.includes('sqlite')) await sqlite();
if (stores.includes('postgres')) await postgres();
