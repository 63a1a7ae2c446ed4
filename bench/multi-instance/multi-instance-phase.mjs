// @ts-check
import { createHmac } from 'node:crypto';
import { ClientWorkers } from '../lib/client-workers.mjs';
import { nowMs, sleep } from '../lib/clock.mjs';
import { notifyAtRate } from '../lib/notifier.mjs';
import { summarize } from '../lib/stats.mjs';
import { Deployment } from './deployment.mjs';

/**
 * @typedef {object} WakeRow one way of waking a wait held on one instance when another is notified
 * @property {string} name
 * @property {import('./deployment.mjs').BusChoice} bus
 * @property {number} instances 1: the wait and the notification on the same process
 */

/** Purchases run end to end on each row before its measured windows. */
const WARM_UP = 300;

/** The rows, in the order they run and print. */
export const WAKE_ROWS = /** @type {WakeRow[]} */ ([
  { name: 'one process', bus: 'in-process', instances: 1 },
  { name: 'PostgreSQL bus', bus: 'postgres', instances: 2 },
  { name: 'Redis bus', bus: 'redis', instances: 2 },
  { name: 'Redis, read every 1 s (the original design)', bus: 'redis-one-second-reader', instances: 2 },
]);

/**
 * @typedef {object} WakeResult
 * @property {string} name
 * @property {import('../lib/stats.mjs').Summary} latency notify sent to the last instance → verified result in the
 *   client waiting on the first, ms, over every run
 * @property {number[]} p99PerRun
 * @property {number} unresolved waits not resolved 15 s after the last notification of their run
 * @property {number} notifyFailed
 */

/**
 * One row: a deployment of `row.instances` processes; SDK clients (`ClientWorkers`: createCoinslot().resume(), which
 * verifies the signed result) hold a wait per bill on the first instance, and the channel's notifications go to the
 * last one at `rate`/s; t1 − t0 per bill. `runs` windows of `notify` bills each, on fresh waits.
 * @param {WakeRow} row
 * @param {{ rate: number, notify: number, runs: number, clients: number }} p
 * @returns {Promise<WakeResult>}
 */
export async function wakeRow(row, { rate, notify, runs, clients }) {
  const deployment = await Deployment.start(row.bus, row.instances);
  /** @type {ClientWorkers | undefined} */
  let workers;
  try {
    const waitOn = deployment.at(0);
    const notifyOn = deployment.at(row.instances - 1);
    workers = await ClientWorkers.start(clients, { server: waitOn.url, keys: waitOn.keys, strategy: 'coinslot' });
    const [warm, bills] = await Promise.all([
      waitOn.rpc.call('create-bills', { count: WARM_UP, tag: `${row.bus}-w` }),
      waitOn.rpc.call('create-bills', { count: notify * runs, tag: row.bus }),
    ]);
    // One window first, not counted: the JIT, the pools and the bus's connections warm, as latency-phase.mjs does.
    await workers.open(warm);
    await sleep(1500 + WARM_UP);
    await notifyAtRate(notifyOn.url, deployment.secret, warm, rate);
    await workers.settled(WARM_UP, 30_000);
    /** @type {number[]} */
    const latencies = [];
    const p99PerRun = [];
    let unresolved = 0;
    let notifyFailed = 0;
    let settled = WARM_UP;
    for (let r = 0; r < runs; r += 1) {
      const chosen = bills.slice(r * notify, (r + 1) * notify);
      await workers.open(chosen);
      await sleep(1500 + notify); // every wait is held (its first read answered `created`)
      const run = await notifyAtRate(notifyOn.url, deployment.secret, chosen, rate);
      notifyFailed += run.failed;
      await workers.settled((settled += chosen.length), 15_000);
      const resolvedAt = await workers.resolvedAt();
      const times = chosen.map(
        (/** @type {{ id: string }} */ b) => (resolvedAt.get(b.id) ?? Infinity) - (run.sentAt.get(b.id) ?? 0),
      );
      unresolved += times.filter((/** @type {number} */ t) => t === Infinity).length;
      p99PerRun.push(summarize(times).p99);
      latencies.push(...times);
    }
    return { name: row.name, latency: summarize(latencies), p99PerRun, unresolved, notifyFailed };
  } finally {
    await workers?.stop();
    await deployment.stop();
  }
}

/**
 * @typedef {object} CommitResult paid-bill commits per second through `POST /v1/notify` on one instance (a second one
 *   listening), with the PostgreSQL bus and without wake-ups (in-process), rounds interleaved
 * @property {number[]} withBus commits/s per round
 * @property {number[]} without commits/s per round
 * @property {number[]} ratios withBus / without, per round (same moment, same load)
 */

/**
 * Pays `bills` through `url` with `lanes` notifications in flight at once; answers commits per second.
 * @param {string} url @param {string} secret @param {{ id: string, amount: number, currency: string }[]} bills
 * @param {number} lanes
 */
async function payAsFastAsPossible(url, secret, bills, lanes) {
  let next = 0;
  const started = nowMs();
  const lane = async () => {
    for (let i = next++; i < bills.length; i = next++) {
      const bill = /** @type {{ id: string, amount: number, currency: string }} */ (bills[i]);
      const body = JSON.stringify({
        billId: bill.id,
        decision: 'approve',
        amount: bill.amount,
        currency: bill.currency,
        issuedAt: Date.now(),
      });
      const signature = createHmac('sha256', secret).update(body).digest('hex');
      const answer = await fetch(`${url}/v1/notify/sandbox`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-sandbox-signature': signature },
        body,
      });
      await answer.arrayBuffer();
      if (answer.status !== 200) throw new Error(`notify answered ${answer.status}`);
    }
  };
  await Promise.all(Array.from({ length: lanes }, lane));
  return (bills.length * 1000) / (nowMs() - started);
}

/**
 * Paid commits per second with the PostgreSQL bus against the same without wake-ups between instances.
 * @param {{ bills: number, lanes: number, rounds: number }} p
 * @returns {Promise<CommitResult>}
 */
export async function commitThroughput({ bills, lanes, rounds }) {
  /** @type {CommitResult} */
  const result = { withBus: [], without: [], ratios: [] };
  for (let r = 0; r < rounds; r += 1) {
    /** @type {Record<string, number>} */
    const round = {};
    // Alternate which goes first, so a machine that gets busier (or quieter) during a round favours neither.
    /** @type {import('./deployment.mjs').BusChoice[]} */
    const order = r % 2 === 0 ? ['in-process', 'postgres'] : ['postgres', 'in-process'];
    for (const bus of order) {
      const deployment = await Deployment.start(bus, 2); // the first listens (its waits would be woken), the second is paid
      try {
        const paid = deployment.at(1);
        const created = await paid.rpc.call('create-bills', { count: bills, tag: `commit-${bus}` });
        round[bus] = await payAsFastAsPossible(paid.url, deployment.secret, created, lanes);
      } finally {
        await deployment.stop();
      }
    }
    const withBus = /** @type {number} */ (round.postgres);
    const without = /** @type {number} */ (round['in-process']);
    result.withBus.push(withBus);
    result.without.push(without);
    result.ratios.push(withBus / without);
  }
  return result;
}

/** The phase's sizes: a full run, and a smoke run. */
export const MULTI_INSTANCE_FULL = {
  rate: 500,
  notify: 1500,
  runs: 3,
  clients: 2,
  commits: { bills: 2000, lanes: 16, rounds: 5 },
};
export const MULTI_INSTANCE_SMOKE = {
  rate: 500,
  notify: 200,
  runs: 1,
  clients: 1,
  commits: { bills: 200, lanes: 16, rounds: 1 },
};

/**
 * The whole phase: every wake-up row (one process, the PostgreSQL bus, the Redis bus, the original one-second reader),
 * then the paid-commit throughput with and without the PostgreSQL bus (left out with `commits: undefined`).
 * @param {{ rate: number, notify: number, runs: number, clients: number, commits?: { bills: number, lanes: number, rounds: number } }} p
 * @param {{ rows?: WakeRow[], say?: (line: string) => void }} [options]
 */
export async function multiInstancePhase(p, { rows = WAKE_ROWS, say = () => undefined } = {}) {
  /** @type {WakeResult[]} */
  const wake = [];
  for (const row of rows) {
    say(`several instances: ${row.name}, ${p.rate} notifications/s`);
    wake.push(await wakeRow(row, p));
  }
  if (p.commits) say('several instances: paid commits with and without the PostgreSQL bus');
  const commits = p.commits ? await commitThroughput(p.commits) : undefined;
  return { rate: p.rate, notify: p.notify, runs: p.runs, wake, commits };
}
