#!/usr/bin/env node
// @ts-check
/**
 * The activity log on a million entries (issue 14): seeds `--entries` entries (default 1 000 000, over the 30 days of
 * June 2025: bills' transitions, their channel notifications, webhook attempts, a few refused notifications and
 * admin actions) through the store's own `activity.append` (batches of 5 000), then times `countNotifications` and
 * `webhookEndpoints` over the month (every game, and one game), `findBillsByTradeNo` and `listForBill`, `--runs` times
 * each (default 5; the median is printed), and prints each read's plan (EXPLAIN ANALYZE / EXPLAIN QUERY PLAN) to show
 * the index it runs on.
 *
 *   node bench/reports/seed-activity.mjs [--entries 1000000] [--runs 5] [--stores postgres,sqlite] [--skip-vacuum] [--keep]
 *
 * PostgreSQL: $COINSLOT_TEST_DATABASE_URL or the test database (scripts/prepare-test-machine.mjs --with postgres);
 * the schema `bench_activity` is dropped and made afresh (kept with --keep, like the SQLite file under /tmp).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadServerModule } from './load-sources.mjs';

const { values } = parseArgs({
  options: {
    entries: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '5' },
    stores: { type: 'string', default: 'postgres' },
    keep: { type: 'boolean', default: false },
    'skip-vacuum': { type: 'boolean', default: false },
  },
});
const COUNT = Number(values.entries);
const RUNS = Math.max(3, Number(values.runs));
const DAY = 86_400_000;
const START = Date.parse('2025-06-01T00:00:00Z');
const MONTH = { from: START, to: START + 30 * DAY };
const DATABASE_URL =
  process.env.COINSLOT_TEST_DATABASE_URL ?? 'postgres://coinslot_test:coinslot_test@127.0.0.1:5432/test';
const SCHEMA = 'bench_activity';
const GAMES = ['game-a', 'game-b', 'game-c'];
const CHANNELS = ['stripe', 'alipay', 'wechatpay', 'sandbox'];

const log = (/** @type {string} */ line) => process.stdout.write(`${line}\n`);
const median = (/** @type {number[]} */ xs) =>
  /** @type {number} */ ([...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]);

/** The stores, and the activity log's SQL class to EXPLAIN its statements, bundled from the sources. */
function loadSources() {
  const entry = `
export { SqliteBillStore, PostgresBillStore } from './index.js';
export { SqlActivityLog } from './store/sql/activity-sql.js';
export { numberedPlaceholders } from './store/sql/bill-store-sql.js';
`;
  return loadServerModule(entry, 'activity-bench');
}

/** A seeded pseudo-random generator (mulberry32), so every run seeds the same log. */
function random(seed = 14) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The entries, in batches of 5 000, roughly as a pay server records them: per bill its creation, the notification that
 * paid it (with the channel's trade number), the transition, one or more webhook attempts, the delivery; now and then
 * a refused notification naming no bill, a query answer, an admin action.
 * @param {(batch: object[]) => Promise<void>} append
 */
async function seed(append) {
  const rand = random();
  const pick = (/** @type {string[]} */ xs) => /** @type {string} */ (xs[Math.floor(rand() * xs.length)]);
  /** @type {object[]} */
  const batch = [];
  let made = 0;
  const add = (/** @type {object} */ entry) => {
    if (made < COUNT) batch.push(entry), (made += 1);
  };
  const started = performance.now();
  for (let bill = 0; made < COUNT; bill++) {
    const appId = pick(GAMES);
    const channel = pick(CHANNELS);
    const billId = `bill_${bill.toString(36).padStart(8, '0')}`;
    const channelTradeNo = `tn_${bill}`;
    const endpoint = `https://${appId}.example/coinslot/webhook`;
    let at = START + Math.floor(rand() * 30 * DAY);
    const base = { appId, billId, channel, instanceId: `i-${bill % 3}` };
    add({ ...base, at, kind: 'transition', outcome: 'created', actor: `player:u${bill % 5000}` });
    add({
      ...base,
      at: (at += 40_000),
      kind: 'notification',
      outcome: 'accepted',
      actor: `channel:${channel}`,
      channelTradeNo,
    });
    add({ ...base, at, kind: 'transition', outcome: 'paid', actor: `channel:${channel}`, channelTradeNo });
    if (rand() < 0.1)
      add({
        ...base,
        at: (at += 1_000),
        kind: 'webhook',
        outcome: 'failed',
        actor: 'pay-server',
        endpoint,
        eventId: `evt_${bill}p`,
        detail: 'HTTP 503',
      });
    add({
      ...base,
      at: (at += 1_000),
      kind: 'webhook',
      outcome: 'sent',
      actor: 'pay-server',
      endpoint,
      eventId: `evt_${bill}p`,
    });
    add({ ...base, at: (at += 2_000), kind: 'transition', outcome: 'delivered', actor: 'game-backend' });
    add({
      ...base,
      at: (at += 500),
      kind: 'webhook',
      outcome: 'sent',
      actor: 'pay-server',
      endpoint,
      eventId: `evt_${bill}d`,
    });
    if (rand() < 0.05)
      add({
        ...base,
        at: at + 60_000,
        kind: 'notification',
        outcome: 'ignored',
        actor: `channel:${channel}`,
        channelTradeNo,
      });
    if (rand() < 0.03)
      add({ ...base, at: at + 90_000, kind: 'query', outcome: 'paid', actor: 'query-fallback', channelTradeNo });
    if (rand() < 0.02)
      add({
        appId,
        at: at + 5_000,
        kind: 'notification',
        outcome: 'refused',
        actor: `channel:${channel}`,
        channel,
        detail: 'bad signature',
      });
    if (rand() < 0.01) add({ appId, at: at + 7_000, kind: 'admin', outcome: 'login', actor: 'admin:ops' });
    if (batch.length >= 5000) await append(batch.splice(0));
  }
  if (batch.length > 0) await append(batch);
  return (performance.now() - started) / 1000;
}

/** The reads timed: a bill and a trade number from the middle of the seeded ones. */
function reads(/** @type {any} */ activity) {
  return {
    'countNotifications, month, every game': () => activity.countNotifications(MONTH),
    'countNotifications, month, one game': () => activity.countNotifications({ ...MONTH, appId: 'game-b' }),
    'webhookEndpoints, month, every game': () => activity.webhookEndpoints(MONTH),
    'webhookEndpoints, month, one game': () => activity.webhookEndpoints({ ...MONTH, appId: 'game-b' }),
    findBillsByTradeNo: () => activity.findBillsByTradeNo('tn_70000', 10),
    'findBillsByTradeNo, one game': () => activity.findBillsByTradeNo('tn_70000', 10, 'game-a'),
    listForBill: () => activity.listForBill(`bill_${(70_000).toString(36).padStart(8, '0')}`, 500),
  };
}

async function timeReads(/** @type {string} */ name, /** @type {any} */ activity) {
  log(`| store | read | median | runs (ms) | rows | load average |`);
  log('|---|---|---|---|---|---|');
  for (const [read, run] of Object.entries(reads(activity))) {
    const times = [];
    let rows = 0;
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      rows = (await run()).length;
      times.push(performance.now() - t0);
    }
    const runs = times.map((t) => t.toFixed(1)).join(' ');
    const load = loadavg()
      .map((l) => l.toFixed(2))
      .join(' ');
    log(`| ${name} | ${read} | ${median(times).toFixed(1)} ms | ${runs} | ${rows} | ${load} |`);
  }
}

/** Every statement the reads run, captured through an engine that only records them. */
async function statementsOfReads(/** @type {any} */ m) {
  /** @type {{ name: string, sql: string, params: unknown[] }[]} */
  const captured = [];
  let current = '';
  const recorder = new m.SqlActivityLog({
    read: async (/** @type {any} */ statement) => (captured.push({ name: current, ...statement }), []),
    write: async () => [],
  });
  for (const [read, run] of Object.entries(reads(recorder))) {
    current = read;
    await run();
  }
  return captured;
}

async function postgres(/** @type {any} */ m) {
  const { default: pg } = await import('pg');
  const admin = new pg.Pool({ connectionString: DATABASE_URL, max: 1 });
  await admin.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
  const store = await m.PostgresBillStore.open({ connectionString: DATABASE_URL, schema: SCHEMA });
  const seconds = await seed((batch) => store.activity.append(batch));
  log(
    `PostgreSQL: ${COUNT} entries appended in ${seconds.toFixed(1)} s (${(COUNT / seconds).toFixed(0)}/s; schema ${SCHEMA})`,
  );
  // What autovacuum does to an insert-only table on its own after a while (--skip-vacuum: the reads right after the
  // inserts, pages not yet marked all-visible, so the index-only scans fetch from the heap too).
  await admin.query(`${values['skip-vacuum'] ? 'ANALYZE' : 'VACUUM ANALYZE'} ${SCHEMA}.activity`);
  const client = await admin.connect();
  await client.query(`SET search_path = ${SCHEMA}`);
  for (const { name, sql, params } of await statementsOfReads(m)) {
    const { rows } = await client.query(`EXPLAIN (ANALYZE, COSTS OFF) ${m.numberedPlaceholders(sql)}`, params);
    const lines = rows
      .map((/** @type {any} */ row) => row['QUERY PLAN'])
      .filter((/** @type {string} */ line) => /Scan|Heap Fetches|Execution Time/.test(line));
    log(`  plan ${name}: ${lines.map((/** @type {string} */ line) => line.trim()).join(' / ')}`);
  }
  client.release();
  await timeReads('PostgreSQL', store.activity);
  await store.close();
  if (!values.keep) await admin.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
  await admin.end();
}

async function sqlite(/** @type {any} */ m) {
  const dir = await mkdtemp(join(tmpdir(), 'coinslot-activity-bench-'));
  const file = join(dir, 'bills.sqlite');
  const store = await m.SqliteBillStore.open(file);
  const seconds = await seed((batch) => store.activity.append(batch));
  log(`SQLite: ${COUNT} entries appended in ${seconds.toFixed(1)} s (${(COUNT / seconds).toFixed(0)}/s; ${file})`);
  const Database = (await import('better-sqlite3')).default;
  const db = new Database(file);
  db.exec('ANALYZE');
  for (const { name, sql, params } of await statementsOfReads(m)) {
    const plan = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params);
    log(`  plan ${name}: ${plan.map((/** @type {any} */ row) => row.detail).join(' / ')}`);
  }
  db.close();
  await timeReads('SQLite', store.activity);
  await store.close();
  if (!values.keep) await rm(dir, { recursive: true, force: true });
}

const m = await loadSources();
log(
  `activity bench: ${COUNT} entries over 30 days, ${RUNS} runs per read; load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
const stores = values.stores.split(',');
if (stores.includes('postgres')) await postgres(m);
if (stores.includes('sqlite')) await sqlite(m);
