// @ts-check
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ChildRpc } from '../lib/child-rpc.mjs';
import { checkSharedClock, sleep } from '../lib/clock.mjs';
import { notifyAtRate } from '../lib/notifier.mjs';
import { summarize } from '../lib/stats.mjs';

const SERVER = fileURLToPath(new URL('../server/events-server.mjs', import.meta.url));
const RECEIVER = fileURLToPath(new URL('../server/webhook-receiver.mjs', import.meta.url));
/** The dispatcher's default `events.concurrency`: the attempts in flight while the backlog drains. */
const CONCURRENCY = 16;
/** How long the webhooks of one notify window may take to arrive before the phase gives up. */
const ARRIVE_MS = 15_000;

/**
 * @typedef {object} EventsOptions
 * @property {number} bills bills paid per latency run
 * @property {number} runs latency runs (after one warm-up run of half as many bills)
 * @property {number} rate paid notifications per second in a latency run
 * @property {number} backlog pending events drained for the throughput figure
 * @property {'sqlite' | 'memory'} store the pay server's store
 */

/**
 * @typedef {object} EventsResult
 * @property {EventsOptions} options
 * @property {import('../lib/stats.mjs').Summary[]} latencyRuns paid commit → first attempt received, ms, per run
 * @property {{ events: number, seconds: number, perSecond: number, concurrency: number }} throughput
 */

/**
 * Polls until the receiver has a first arrival for every bill of `ids`, or throws after {@link ARRIVE_MS}.
 * @param {ChildRpc} receiver @param {string[]} ids @returns {Promise<number[]>}
 */
async function arrivalsOf(receiver, ids) {
  const deadline = Date.now() + ARRIVE_MS;
  for (;;) {
    const arrivals = /** @type {Array<number | null>} */ (await receiver.call('arrivals', ids));
    if (arrivals.every((at) => at !== null)) return /** @type {number[]} */ (arrivals);
    if (Date.now() > deadline)
      throw new Error(`${arrivals.filter((at) => at === null).length} of ${ids.length} webhooks never arrived`);
    await sleep(20);
  }
}

/**
 * Webhooks to the game backend (issue 11): a real pay server (its own process, SQLite by default) sending to a
 * loopback receiver that answers 204 (another process).
 * 1. Latency: `runs` windows, each paying `bills` bills at `rate` per second through signed sandbox notifications;
 *    per bill, the time from its paid change committed in the server's store to its first webhook's headers read by
 *    the receiver (one monotonic clock across the processes).
 * 2. Throughput: the receiver holds every request open, so `concurrency` attempts hang and the rest of `backlog` paid
 *    events stay pending in the outbox; then it answers them all and the dispatcher drains the backlog: events sent
 *    per second from the release to the end of the drain.
 * @param {EventsOptions} options
 * @returns {Promise<EventsResult>}
 */
export async function eventsPhase(options) {
  const { bills, runs, rate, backlog, store } = options;
  const dir = await mkdtemp(join(tmpdir(), 'coinslot-bench-events-'));
  const receiver = new ChildRpc(RECEIVER);
  /** @type {ChildRpc | undefined} */
  let server;
  try {
    const { url: webhookUrl } = await receiver.call('info');
    const secret = randomBytes(24).toString('hex');
    server = new ChildRpc(SERVER, ['--webhook-url', webhookUrl, '--store', store, '--dir', dir], [], { secret });
    const pay = server;
    const { url } = await pay.call('info');
    await checkSharedClock(() => pay.call('now'));
    await checkSharedClock(() => receiver.call('now'));
    /** Pays `count` new bills at `rate`/s; answers their ids. @param {number} count @param {string} tag @param {number} at */
    const payBills = async (count, tag, at) => {
      const batch = await pay.call('create-bills', { count, tag });
      const sent = await notifyAtRate(url, secret, batch, at);
      if (sent.failed > 0) throw new Error(`${sent.failed} paid notifications were not answered 200`);
      return batch.map((/** @type {{ id: string }} */ bill) => bill.id);
    };

    /** @type {import('../lib/stats.mjs').Summary[]} */
    const latencyRuns = [];
    for (let run = -1; run < runs; run += 1) {
      const ids = await payBills(run < 0 ? Math.ceil(bills / 2) : bills, `events-${run}`, rate);
      const arrivals = await arrivalsOf(receiver, ids);
      const commits = /** @type {Array<number | null>} */ (await pay.call('commits', ids));
      if (run < 0) continue; // warm-up: the JIT, the connection pool
      latencyRuns.push(summarize(arrivals.map((at, i) => at - (commits[i] ?? NaN))));
    }

    await receiver.call('hold');
    const sentBefore = (await pay.call('stats')).sent;
    await payBills(backlog, 'events-backlog', 2000);
    const waiting = await pay.call('stats');
    if ((await receiver.call('held')) < Math.min(CONCURRENCY, backlog) || waiting.oldestPending === undefined)
      throw new Error(`the backlog did not build: ${JSON.stringify(waiting)}`);
    const released = await receiver.call('release');
    const drained = await pay.call('drain');
    const events = drained.stats.sent - sentBefore;
    if (events !== backlog) throw new Error(`${events} of the ${backlog} backlog events were sent`);
    const seconds = (drained.at - released) / 1000;
    return {
      options,
      latencyRuns,
      throughput: { events, seconds, perSecond: events / seconds, concurrency: CONCURRENCY },
    };
  } finally {
    await Promise.all([receiver.stop(), server?.stop()]);
    await rm(dir, { recursive: true, force: true });
  }
}
