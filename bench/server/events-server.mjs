// @ts-check
// A bench child process for the events phase: the REAL reference pay server (`createPayServer` + `serveNode`) on a
// durable SQLite store in `--dir` (what the CLI runs by default; `--store memory` for the in-memory one), sending
// webhooks to `--webhook-url`, signed with a fresh Ed25519 key. It notes the monotonic time each `bill.paid` change
// is committed (right after the store's transition resolves, before the dispatcher is woken), so the phase can take
// paid commit → first attempt received across processes (`bench/lib/clock.mjs`).
import path from 'node:path';
import { parseArgs } from 'node:util';
import { childSecrets, serveRpc } from '../lib/child-rpc.mjs';
import { nowMs } from '../lib/clock.mjs';
import { seedBills } from './seed-bills.mjs';

const { values } = parseArgs({
  options: {
    'webhook-url': { type: 'string' },
    store: { type: 'string', default: 'sqlite' },
    dir: { type: 'string' },
  },
});
/** @type {typeof import('@coinslot/server')} */
const { createPayServer, createSandboxDriver, generateWebhookKey, MemoryBillStore, serveNode, SqliteBillStore } =
  await import(process.env.BENCH_SERVER_MODULE ?? '@coinslot/server');

const inner =
  values.store === 'memory'
    ? new MemoryBillStore()
    : await SqliteBillStore.open(path.join(/** @type {string} */ (values.dir), 'bills.sqlite'));
/** When each bill's paid change was committed, monotonic ms. @type {Map<string, number>} */
const committed = new Map();
/** @type {import('@coinslot/server').BillStore['transition']} */
const transition = async (id, from, next, event) => {
  const outcome = await inner.transition(id, from, next, event);
  if (outcome.applied && event?.type === 'bill.paid') committed.set(id, nowMs());
  return outcome;
};
/** @type {import('@coinslot/server').BillStore} */
const store = new Proxy(inner, {
  get(target, name) {
    if (name === 'transition') return transition;
    const value = Reflect.get(target, name, target);
    return typeof value === 'function' ? value.bind(target) : value;
  },
});

// The bench sends from one loopback address, which the default limits never count (unlimitedAddresses).
const payServer = await createPayServer({
  auth: { development: true },
  store,
  drivers: [createSandboxDriver({ secret: childSecrets().secret })],
  // A held attempt (the backlog is built behind attempts the receiver holds) must not time out while it is built.
  events: { webhookUrl: values['webhook-url'], signing: await generateWebhookKey(), timeoutMs: 60_000 },
});
const listener = await serveNode(payServer.handle, { port: 0 });

serveRpc({
  info: () => ({ url: listener.url, pid: process.pid }),
  'create-bills': (/** @type {{ count: number, tag: string }} */ what) => seedBills(payServer, listener.url, what),
  /** When each of `ids` was committed paid (monotonic ms; absent: not paid). */
  commits: (/** @type {string[]} */ ids) => ids.map((id) => committed.get(id) ?? null),
  stats: () => payServer.events.stats(),
  /** Drains the dispatcher; answers when it is done (monotonic ms) and what it did. */
  drain: async () => {
    await payServer.events.drain();
    return { at: nowMs(), stats: await payServer.events.stats() };
  },
  now: () => nowMs(),
});
