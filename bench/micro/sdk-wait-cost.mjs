#!/usr/bin/env node
// @ts-check
/**
 * What one held wait costs the SDK's side, as `npm run bench`'s clients wait: `node --expose-gc
 * bench/micro/sdk-wait-cost.mjs [--runs 5] [--ops 1000] [--waiting 2000] [--snapshot <file>]`.
 *
 * - CPU: a `createCoinslot()` instance per bill (createNodeFetch + nodeResultVerifier, a journal holding the bill and
 *   its token), `resume()` of a bill already paid (the server answers the held wait at once, signed), then
 *   `dispose()` — this process's CPU (user + system) per resume, `ops` in sequence, the median of `runs` (min–max).
 *   The pay server runs in a child process (bench/lib/bench-server.mjs, real auth), so its CPU is not counted.
 * - Heap: `waiting` instances whose `resume()` is held by the server, the heap after a full GC minus before, per
 *   instance (what a client worker of the bench keeps per waiting player); `--snapshot` writes a heap snapshot then.
 * Not part of `npm run bench`; an A/B of a core change runs it on both builds (`BENCH_CORE_DIR=<dist dir>`).
 */
import { parseArgs } from 'node:util';
import { writeHeapSnapshot } from 'node:v8';
import { journalBill } from '../client/journal-bill.mjs';
import { createBenchAuth, startBenchServer } from '../lib/bench-server.mjs';
import { medianOf } from '../lib/stats.mjs';
import { notifyAtRate } from '../lib/notifier.mjs';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    ops: { type: 'string', default: '1000' },
    waiting: { type: 'string', default: '2000' },
    snapshot: { type: 'string' },
  },
});
const RUNS = Number(values.runs);
const OPS = Number(values.ops);
const WAITING = Number(values.waiting);
const coreDir = process.env.BENCH_CORE_DIR;
const [{ createCoinslot, createMemoryStorage }, { createNodeFetch }, { nodeResultVerifier }] =
  /** @type {[typeof import('@coinslot/core'), typeof import('@coinslot/core/node'), typeof import('@coinslot/core/node-verifier')]} */ (
    await Promise.all(
      coreDir
        ? [import(`${coreDir}/index.js`), import(`${coreDir}/node.js`), import(`${coreDir}/node-verifier.js`)]
        : [import('@coinslot/core'), import('@coinslot/core/node'), import('@coinslot/core/node-verifier')],
    )
  );
if (typeof globalThis.gc !== 'function') throw new Error('run with node --expose-gc');
const gc = /** @type {() => void} */ (globalThis.gc);

const auth = await createBenchAuth();
const server = await startBenchServer('coinslot', { auth });
const fetch = createNodeFetch();
const verifier = nodeResultVerifier();

/** @param {import('../lib/bench-server.mjs').BenchBill} b */
async function instanceFor(b) {
  const credentials = /** @type {import('../lib/bench-server.mjs').BillCredentials} */ (b.auth);
  const { bill, billToken, playerToken } = credentials;
  const storage = await journalBill(createMemoryStorage(), server.url, { bill, billToken });
  return createCoinslot({
    server: server.url,
    channels: {},
    trustedKeys: server.keys,
    storage,
    getPlayerToken: () => playerToken,
    recoverOnReady: false,
    platform: 'node',
    fetch,
    verifier,
  });
}

try {
  const paid = await server.createBills(OPS * (RUNS + 1), 'paid');
  await notifyAtRate(server.url, server.secret, paid, 2000);
  const cpu = [];
  for (let r = 0; r <= RUNS; r += 1) {
    const bills = paid.slice(r * OPS, (r + 1) * OPS);
    const start = process.cpuUsage();
    for (const b of bills) {
      const coinslot = await instanceFor(b);
      const outcome = await coinslot.resume(b.id);
      if (outcome.status !== 'paid') throw new Error(`resume answered ${outcome.status}`);
      await coinslot.dispose();
    }
    const used = process.cpuUsage(start);
    if (r > 0) cpu.push((used.user + used.system) / OPS); // the first run warms up
  }
  const open = await server.createBills(WAITING, 'open');
  gc();
  await new Promise((resolve) => setTimeout(resolve, 200));
  gc();
  const before = process.memoryUsage().heapUsed;
  const held = [];
  for (const b of open) {
    const coinslot = await instanceFor(b);
    coinslot.resume(b.id).catch(() => undefined);
    held.push(coinslot);
  }
  while ((await server.rpc.call('counts')).resultsHeld < WAITING) await new Promise((r) => setTimeout(r, 50));
  await new Promise((resolve) => setTimeout(resolve, 300));
  gc();
  gc();
  const heapPerWait = (process.memoryUsage().heapUsed - before) / WAITING;
  if (values.snapshot) writeHeapSnapshot(values.snapshot);
  const spread = medianOf(cpu);
  process.stdout.write(
    `SDK per resumed wait (createNodeFetch + nodeResultVerifier), node ${process.version}${coreDir ? `, core ${coreDir}` : ''}\n` +
      `  client CPU per resume (instance, held-wait answer, verify, dispose): ${spread.median.toFixed(0)} µs ` +
      `(${spread.min.toFixed(0)}–${spread.max.toFixed(0)}), median of ${RUNS} runs of ${OPS}\n` +
      `  heap per waiting instance: ${heapPerWait.toFixed(0)} B (${WAITING} waiting)\n`,
  );
  await Promise.all(held.map((c) => c.dispose()));
} finally {
  await server.rpc.stop();
  process.exit(0);
}
