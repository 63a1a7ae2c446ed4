#!/usr/bin/env node
// @ts-check
/**
 * What the pay server allocates per notified held wait, and where: `node bench/micro/server-allocations.mjs
 * [--waits 1000] [--notify 500] [--rate 500] [--runs 3] [--top 25]`.
 *
 * The bench's own set-up (bench/phases/latency-phase.mjs, the `coinslot-auth` row): the real pay server in a child
 * process with real auth, two SDK client workers holding `waits` waits, a warm-up, then `runs` windows of `notify`
 * notifications at `rate`/s. During each window V8's sampling heap profiler runs in the server (objects the GC
 * already collected counted too), so the figure is what the server allocates — what its young-generation
 * collections have to go through — not what it keeps. Prints bytes per notification (the median of the windows,
 * min–max) and the last window's biggest allocation sites. Idle waits asking again are not in the windows (their
 * holds last 25 s). Not part of `npm run bench`.
 */
import { parseArgs } from 'node:util';
import { createBenchAuth, startBenchServer } from '../lib/bench-server.mjs';
import { medianOf } from '../lib/stats.mjs';
import { ClientWorkers } from '../lib/client-workers.mjs';
import { notifyAtRate } from '../lib/notifier.mjs';

const { values } = parseArgs({
  options: {
    waits: { type: 'string', default: '1000' },
    notify: { type: 'string', default: '500' },
    rate: { type: 'string', default: '500' },
    runs: { type: 'string', default: '3' },
    top: { type: 'string', default: '25' },
  },
});
const WAITS = Number(values.waits);
const NOTIFY = Number(values.notify);
const RATE = Number(values.rate);
const RUNS = Number(values.runs);
const TOP = Number(values.top);
const WARM_UP = 300;

const auth = await createBenchAuth();
const server = await startBenchServer('coinslot', { auth });
const workers = await ClientWorkers.start(2, {
  server: server.url,
  keys: server.keys,
  strategy: 'coinslot-auth',
  clientFetch: 'node',
});
try {
  const [warm, bills] = await Promise.all([
    server.createBills(WARM_UP, 'warm'),
    server.createBills(WAITS + NOTIFY * RUNS, 'alloc'),
  ]);
  await workers.open(warm);
  await notifyAtRate(server.url, server.secret, warm, 2000);
  let settled = WARM_UP;
  await workers.settled(settled, 30_000);
  await workers.open(bills.slice(0, WAITS));
  /** @type {number[]} */
  const perNotification = [];
  /** @type {ReturnType<typeof import('../lib/allocation-summary.mjs').summarizeAllocations> | undefined} */
  let last;
  let open = bills.slice(0, WAITS);
  for (let r = 0; r < RUNS; r += 1) {
    const chosen = open.slice(0, NOTIFY);
    await server.rpc.call('heap-sampling-start');
    await notifyAtRate(server.url, server.secret, chosen, RATE);
    await workers.settled((settled += chosen.length), 30_000);
    const window = await server.rpc.call('heap-sampling-stop', TOP);
    if (!window) throw new Error('the server was not sampling');
    perNotification.push(window.bytes / chosen.length);
    last = window;
    const next = bills.slice(WAITS + r * NOTIFY, WAITS + (r + 1) * NOTIFY);
    open = [...open.slice(NOTIFY), ...next];
    await workers.open(next);
  }
  const spread = medianOf(perNotification);
  const kB = (/** @type {number} */ b) => `${(b / 1024).toFixed(1)} kB`;
  const lines = [
    `pay server allocations per notified held wait (coinslot-auth, ${WAITS} waits, ${NOTIFY} notifications at ${RATE}/s), node ${process.version}`,
    `  ${kB(spread.median)} (${kB(spread.min)}–${kB(spread.max)}), median of ${RUNS} windows`,
    `  the last window's biggest sites, per notification:`,
    ...(last?.sites ?? []).map((site) => `  ${kB(site.bytes / NOTIFY).padStart(9)}  ${site.name}  ${site.where}`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
} finally {
  await Promise.all([server.rpc.stop(), workers.all((w) => w.stop())]);
}
