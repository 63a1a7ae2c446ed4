// @ts-check
import { startBenchServer } from '../lib/bench-server.mjs';
import { ClientWorkers } from '../lib/client-workers.mjs';
import { nowMs, sleep } from '../lib/clock.mjs';
import { notifyAtRate } from '../lib/notifier.mjs';
import { slope, summarize } from '../lib/stats.mjs';

/** Purchases run end to end before measuring, so the JIT (which optimizes after many calls) and the pools are warm. */
const WARM_UP = 1000;
const WARM_UP_RATE = 2000;
/** How long the clients may take to resolve after the last notification before the rest count as unresolved. */
const SETTLE_MS = 5_000;
/** How long the notifier waits for the server's answers after sending the last notification. */
const ANSWER_MS = 3_000;
/** Memory is read at ¼, ½, ¾ and all of the waits held; bytes per wait is the slope through those points. */
const MEMORY_STEPS = 4;

/**
 * @typedef {object} LatencyResult
 * @property {import('../lib/args.mjs').Strategy} strategy
 * @property {number} waits
 * @property {number} notified
 * @property {import('../lib/stats.mjs').Summary} latency notify → client-resolved, ms
 * @property {{ rssPerWait: number, heapPerWait: number, connectionsPerWait: number } | undefined} memory server bytes per
 *   held wait; open connections per held wait (the clients' pools keep some idle ones)
 * @property {{ server: number, clients: number, notifier: number }} cpuMicrosPerNotification CPU time per notification while
 *   notifying and resolving (polling and sleep-loop include their background work), µs
 * @property {number} requestsPerSecond requests per second the server received from the first notification until
 *   the clients resolved (polls included)
 * @property {number} unresolved notified waits the client had not resolved 5 s after the last notification
 *   (a saturated server); they count as infinitely late
 * @property {number} notifyFailed notifications not answered `200` within 3 s of the last one (a saturated server)
 * @property {number} failed waits that did not end `paid`
 * @property {number} pollErrors polls that failed (and were retried a second later)
 * @property {string[]} failures a sample
 */

/** @param {number} ms @param {() => Promise<boolean>} done */
async function until(ms, done) {
  const deadline = Date.now() + ms;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await sleep(50);
  }
}

/** @template T @param {T[]} items */
function shuffled(items) {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = /** @type {[T, T]} */ ([copy[j], copy[i]]);
  }
  return copy;
}

/**
 * One strategy at one number of waits, on a fresh server and fresh clients: warm up (a few purchases end to
 * end), open `waits` waits in four steps reading the server's memory after each, then notify a random
 * `notify` of them at `rate`/s and take t1 − t0 for each.
 * @param {{ strategy: import('../lib/args.mjs').Strategy, waits: number, rate: number, notify: number, clients: number, profileDir?: string }} p
 * @returns {Promise<LatencyResult>}
 */
export async function latencyPhase({ strategy, waits, rate, notify, clients, profileDir }) {
  const server = await startBenchServer(strategy === 'sleep-loop' ? 'sleep-loop' : 'coinslot');
  /** @type {ClientWorkers | undefined} */
  let workers;
  try {
    workers = await ClientWorkers.start(clients, { server: server.url, keys: server.keys, strategy });
    const warmUp = Math.min(WARM_UP, waits < WARM_UP ? Math.ceil(waits / 4) : waits);
    const [warm, bills] = await Promise.all([server.createBills(warmUp, `${strategy}-w`), server.createBills(waits, strategy)]);
    const warmUpRun = async () => {
      await workers?.open(warm.map((b) => b.id));
      await notifyAtRate(server.url, server.secret, warm, Math.max(rate, WARM_UP_RATE));
      await workers?.settled(warmUp, 30_000);
    };

    // Memory first, on a process that has freed nothing yet: pages freed by a warm-up would be reused by the
    // waits without growing the RSS. Pollers hold nothing, and warm up before they start polling.
    const held = strategy !== 'polling';
    /** @type {{ rss: [number, number][], heap: [number, number][], connections: number }} */
    const memory = { rss: [], heap: [], connections: NaN };
    if (!held) await warmUpRun();
    if (!held) await workers.open(bills.map((b) => b.id), 5_000);
    for (let step = 1; held && step <= MEMORY_STEPS; step += 1) {
      const upTo = Math.floor((waits * step) / MEMORY_STEPS);
      await workers.open(bills.slice(Math.floor((waits * (step - 1)) / MEMORY_STEPS), upTo).map((b) => b.id));
      await until(60_000, async () => (await server.rpc.call('counts')).resultsHeld >= upTo);
      const { rss, heapUsed, resultsHeld, connections } = await server.rpc.call('memory');
      memory.rss.push([resultsHeld, rss]);
      memory.heap.push([resultsHeld, heapUsed]);
      memory.connections = connections / resultsHeld;
    }
    if (held) await warmUpRun();

    const chosen = shuffled(bills).slice(0, notify);
    const cpuBefore = { server: await server.rpc.call('cpu'), clients: await workers.cpuMs(), self: process.cpuUsage() };
    if (profileDir) await Promise.all([server.rpc.call('profile-start'), workers.first.call('profile-start')]);
    const requestsBefore = (await server.rpc.call('counts')).total;
    const windowStart = nowMs();
    const run = await notifyAtRate(server.url, server.secret, chosen, rate, ANSWER_MS);
    const progress = await workers.settled(warmUp + chosen.length, SETTLE_MS);
    if (profileDir) {
      await server.rpc.call('profile-stop', `${profileDir}/server-${strategy}-${waits}.cpuprofile`);
      await workers.first.call('profile-stop', `${profileDir}/client-${strategy}-${waits}.cpuprofile`);
    }
    const self = process.cpuUsage(cpuBefore.self);
    const cpu = {
      server: (await server.rpc.call('cpu')) - cpuBefore.server,
      clients: (await workers.cpuMs()) - cpuBefore.clients,
      notifier: (self.user + self.system) / 1000,
    };
    const serverRequests = (await server.rpc.call('counts')).total - requestsBefore;
    const windowSeconds = (nowMs() - windowStart) / 1000;
    const resolvedAt = await workers.resolvedAt();
    // A wait not resolved in time counts as infinitely late: p99 says so when more than 1 % are.
    const latencies = chosen.map((b) => (resolvedAt.get(b.id) ?? Infinity) - (run.sentAt.get(b.id) ?? 0));
    const unresolved = latencies.filter((l) => l === Infinity).length;
    return {
      strategy,
      waits,
      notified: chosen.length,
      latency: summarize(latencies),
      memory: held ? { rssPerWait: slope(memory.rss), heapPerWait: slope(memory.heap), connectionsPerWait: memory.connections } : undefined,
      cpuMicrosPerNotification: {
        server: (cpu.server * 1000) / chosen.length,
        clients: (cpu.clients * 1000) / chosen.length,
        notifier: (cpu.notifier * 1000) / chosen.length,
      },
      requestsPerSecond: serverRequests / windowSeconds,
      unresolved,
      notifyFailed: run.failed,
      failed: progress.failed,
      pollErrors: progress.pollErrors,
      failures: progress.failures,
    };
  } finally {
    await workers?.stop();
    await server.rpc.stop();
  }
}
