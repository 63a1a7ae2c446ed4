// @ts-check
// A bench child process: the REAL reference pay server (`createPayServer` + `serveNode`, exactly what
// `startPayServer` composes), silent like the library's default logger, behind a request counter; with
// `--variant sleep-loop`, behind the sleep-loop baseline instead of the server's own wake-ups. Development auth, or
// with `auth` among the secrets its parent gave it (ChildRpc's `secrets`, in its environment) real auth (player
// tokens from a local JWKS, optionally server keys), the catalog pricing the bench's item, and the sandbox driver
// named explicitly, as real auth requires.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { writeHeapSnapshot } from 'node:v8';
import { childSecrets, serveRpc } from '../lib/child-rpc.mjs';
import { summarizeAllocations } from '../lib/allocation-summary.mjs';
import { startHeapSampling, startProfile, stopHeapSampling, stopProfile } from '../lib/cpu-profiler.mjs';
import { countingStore, countRequests } from './request-counter.mjs';
import { SegmentMarks } from './segment-marks.mjs';
import { BENCH_ITEM, seedBills } from './seed-bills.mjs';
import { signingThroughput } from './signing-throughput.mjs';
import { sleepLoopHandler } from './sleep-loop-handler.mjs';

const { values } = parseArgs({
  options: {
    variant: { type: 'string', default: 'coinslot' },
    'per-bill': { type: 'boolean', default: false },
    segments: { type: 'boolean', default: false },
  },
});
const perBill = values['per-bill'] ?? false;
// BENCH_SERVER_MODULE points at another build of @coinslot/server (its dist/index.js) to compare two versions.
/** @type {typeof import('@coinslot/server')} */
const { createPayServer, createSandboxDriver, MemoryBillStore, serveNode } = await import(
  process.env.BENCH_SERVER_MODULE ?? '@coinslot/server'
);

// With `--segments`: when each notified bill passed each step (`npm run bench -- --segments`); else the store bare.
const segmentMarks = values.segments ? new SegmentMarks() : undefined;
const memory = segmentMarks ? segmentMarks.wrapStore(new MemoryBillStore()) : new MemoryBillStore();
const { counted: store, reads } = perBill ? countingStore(memory) : { counted: memory, reads: {} };
// The bench plays up to 16 000 players from one loopback address: per-IP limits as high as they go (the buckets
// still run, so their cost is measured), and connections past the default 10 000. Per-bill caps stay as they are.
// The per-identity rates too: the auth-cost phase sends thousands of reads with one credential (a real player sends
// a few per bill, far under them); their buckets still run as well.
const UNLIMITED = { burst: 1e9, perMinute: 1e9 };
const LIFTED = { perIp: UNLIMITED, perIdentity: UNLIMITED };
/** @type {import('@coinslot/server').PayServerOptions['limits']} */
const limits = {
  create: LIFTED,
  wait: LIFTED,
  other: LIFTED,
  heldWaitsPerIp: 1e9,
  maxConnections: 1e9,
};
const secrets = childSecrets();
/** @type {import('@coinslot/server').AuthOptions} */
const auth = secrets.auth ? JSON.parse(secrets.auth) : { development: true };
const catalog = secrets.auth
  ? { [BENCH_ITEM.itemId]: { amount: BENCH_ITEM.amount, currency: BENCH_ITEM.currency } }
  : undefined;
const payServer = await createPayServer({
  auth,
  ...(catalog && { catalog }),
  limits,
  store,
  drivers: [createSandboxDriver({ secret: secrets.secret })],
});
const handle = values.variant === 'sleep-loop' ? sleepLoopHandler(payServer.handle, store) : payServer.handle;
const { counted, counts } = countRequests(handle, { perBill });
const listener = await serveNode(counted, { port: 0, limits });
segmentMarks?.watch(listener.server);

/** The open-file limit this process got (what `ulimit -n` raised it to). */
function fdLimit() {
  const line = readFileSync('/proc/self/limits', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('Max open files'));
  return Number(line?.split(/\s+/)[3]);
}

const gc = /** @type {() => void} */ (globalThis.gc);

serveRpc({
  info: () => ({ url: listener.url, keys: payServer.publicKeys(), fdLimit: fdLimit(), pid: process.pid }),
  memory: async () => {
    gc();
    gc();
    const { rss, heapUsed } = process.memoryUsage();
    const connections = await new Promise((resolve) => listener.server.getConnections((_, n) => resolve(n)));
    return { rss, heapUsed, resultsHeld: counts.resultsHeld, connections };
  },
  'create-bills': (/** @type {{ count: number, tag: string, tokens?: string[], serverKey?: string }} */ what) =>
    seedBills(payServer, listener.url, what),
  counts: () => ({
    total: counts.total,
    resultsHeld: counts.resultsHeld,
    results: counts.results,
    perBill: counts.perBill,
    storeReads: reads,
  }),
  'segment-marks': (/** @type {string[]} */ ids) => segmentMarks?.take(ids),
  snapshot: (/** @type {string} */ path) => writeHeapSnapshot(path),
  'profile-start': startProfile,
  'profile-stop': stopProfile,
  'heap-sampling-start': startHeapSampling,
  'heap-sampling-stop': async (/** @type {number} */ top) => {
    const profile = await stopHeapSampling();
    return profile && summarizeAllocations(profile, top);
  },
  sign: (/** @type {{ billId: string, count: number }} */ { billId, count }) =>
    signingThroughput(payServer, listener.url, billId, count),
});
