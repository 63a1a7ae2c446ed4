// @ts-check
import { createBenchAuth, startBenchServer } from '../lib/bench-server.mjs';
import { ClientWorkers } from '../lib/client-workers.mjs';
import { nowMs, sleep } from '../lib/clock.mjs';
import { notifyAtRate } from '../lib/notifier.mjs';
import { slope, summarize } from '../lib/stats.mjs';
import { HeldWaitSegments } from './held-wait-segments.mjs';
import { idleCost } from './idle-phase.mjs';

/** Purchases run end to end before measuring, so the JIT (which optimizes after many calls) and the pools are warm. */
const WARM_UP = 300;
const WARM_UP_RATE = 2000;
/** How long the clients may take to resolve after the last notification before the rest count as unresolved. */
const SETTLE_MS = 5_000;
/** How long the notifier waits for the server's answers after sending the last notification. */
const ANSWER_MS = 3_000;
/** Memory is read at ¼, ½, ¾ and all of the waits held; bytes per wait is the slope through those points. */
const MEMORY_STEPS = 4;

/**
 * @typedef {object} LatencyRun one notify window on the phase's server and clients
 * @property {import('../lib/stats.mjs').Summary} latency notify → client-resolved, ms
 * @property {{ server: number, clients: number, notifier: number }} cpuMicrosPerNotification CPU time per notification
 *   while notifying and resolving, µs, gross: polling and sleep-loop include their background work, and the held
 *   rows include the re-asks of idle waits whose hold ended in the window (see `reasks`)
 * @property {number} reasks `/result` requests that started in the window: idle waits asking again after a hold
 *   ended "still pending" (a notified wait makes none); their cost is taken out of `serverNetMicros`
 * @property {number} requestsPerSecond requests per second the server received in the window (polls included)
 * @property {number} unresolved notified waits the client had not resolved 5 s after the last notification
 *   (a saturated server); they count as infinitely late
 * @property {number} notifyFailed notifications not answered `200` within 3 s of the last one (a saturated server)
 */

/**
 * @typedef {object} LatencyResult
 * @property {import('../lib/args.mjs').Strategy} strategy
 * @property {number} waits
 * @property {number} notified per run
 * @property {LatencyRun[]} runs in order; a saturated row (more than 1 % unresolved) stops after its first run
 * @property {{ rssPerWait: number, heapPerWait: number, connectionsPerWait: number } | undefined} memory server bytes per
 *   held wait; open connections per held wait (the clients' pools keep some idle ones) — for the limit and coinslot rows
 * @property {{ waits: number, microsPerReask: number[], clientMicrosPerReask: number[] } | undefined} idle the
 *   background cost of idle waits, measured after the runs when asked (see `idle-phase.mjs`): server and client CPU per
 *   re-ask
 * @property {number} failed waits that did not end `paid`
 * @property {number} pollErrors polls that failed (and were retried a second later)
 * @property {string[]} failures a sample
 * @property {import('./held-wait-segments.mjs').SegmentsResult} [segments] with `--segments`, on the held-wait rows:
 *   where the latency goes, pooled over the windows
 */

/** With `BENCH_TRACE=1`, when each step of a phase ends (stderr): where a phase's time goes. */
const trace = process.env.BENCH_TRACE
  ? (/** @type {string} */ step) => process.stderr.write(`  ${Math.round(nowMs())} ms ${step}\n`)
  : () => undefined;

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
 * Whether a row is warmed up and has its memory measured: the limit and the held waits. The baselines' latencies are
 * their one-second period's.
 * @param {import('../lib/args.mjs').Strategy} strategy
 */
export const isMeasured = (strategy) => strategy === 'bare' || strategy === 'coinslot' || strategy === 'coinslot-auth';

/** The held-wait rows, the ones `--segments` measures. @type {import('../lib/args.mjs').Strategy[]} */
const HELD_WAITS = ['coinslot', 'coinslot-auth'];

/** The server variant a strategy runs on. @param {import('../lib/args.mjs').Strategy} strategy */
const variantOf = (strategy) => (strategy === 'sleep-loop' ? 'sleep-loop' : strategy === 'bare' ? 'bare' : 'coinslot');

/**
 * One strategy at one number of waits, on a fresh server and fresh clients: open `waits` waits in four steps
 * reading the server's memory after each, warm up (purchases end to end), then `runs` notify windows: each notifies
 * a random `notify` of the held waits at `rate`/s, takes t1 − t0 for each, and then opens as many fresh waits, so
 * every window starts with `waits` held.
 * With `idle`, the background cost of that many idle waits is measured on the same processes afterwards.
 * With `segments`, a held-wait row (coinslot, coinslot-auth) also marks each notified wait's steps and answers where
 * its latency goes (`held-wait-segments.mjs`); the other rows ignore it.
 * @param {{ strategy: import('../lib/args.mjs').Strategy, waits: number, rate: number, notify: number, runs: number, clients: number, clientFetch?: 'node' | 'global', profileDir?: string, idle?: { waits: number, seconds: number }, segments?: boolean }} p
 * @returns {Promise<LatencyResult>}
 */
export async function latencyPhase(p) {
  const { strategy, waits, rate, notify, runs, clients, clientFetch, profileDir, idle } = p;
  // coinslot-auth: the server verifies player tokens; each bill is created with its player's token and waited for
  // with its bill token, as a real game's client does.
  // The bills are created by the game backend's server key for each player (set-up: a server key is checked by a
  // SHA-256 digest, a player token by an ES256 verify, ≈ 10× the CPU for 11 000 bills at 10 000 waits).
  const auth = strategy === 'coinslot-auth' ? await createBenchAuth() : undefined;
  const segments = p.segments && HELD_WAITS.includes(strategy) ? new HeldWaitSegments() : undefined;
  const server = await startBenchServer(variantOf(strategy), { auth, segments: segments !== undefined });
  /** @type {ClientWorkers | undefined} */
  let workers;
  try {
    const setup = { server: server.url, keys: server.keys, strategy, clientFetch, segments: segments !== undefined };
    workers = await ClientWorkers.start(clients, setup);
    trace('started');
    const measured = isMeasured(strategy);
    const warmUp = measured ? Math.min(WARM_UP, Math.ceil(waits / 2)) : 0;
    const [warm, bills, fresh] = await Promise.all([
      server.createBills(warmUp, `${strategy}-w`),
      server.createBills(waits, strategy),
      server.createBills(notify * (runs - 1), `${strategy}-f`),
    ]);
    trace('bills created');
    const warmUpRun = async () => {
      await workers?.open(warm);
      await notifyAtRate(server.url, server.secret, warm, Math.max(rate, WARM_UP_RATE));
      await workers?.settled(warmUp, 30_000);
    };

    // Memory first, on a process that has freed nothing yet: pages freed by a warm-up would be reused by the
    // waits without growing the RSS. Only the limit and coinslot rows are measured and warmed up: the baselines'
    // latencies are their one-second period's (hundreds of ms), far above what a cold JIT adds.
    const held = strategy !== 'polling';
    /** @type {{ rss: [number, number][], heap: [number, number][], connections: number }} */
    const memory = { rss: [], heap: [], connections: NaN };
    const heldAtLeast = (/** @type {number} */ n) =>
      until(60_000, async () => (await server.rpc.call('counts')).resultsHeld >= n);
    if (!measured) await workers.open(bills, held ? 60_000 : 5_000);
    if (!measured && held) await heldAtLeast(waits);
    for (let step = 1; measured && step <= MEMORY_STEPS; step += 1) {
      const upTo = Math.floor((waits * step) / MEMORY_STEPS);
      await workers.open(bills.slice(Math.floor((waits * (step - 1)) / MEMORY_STEPS), upTo));
      await heldAtLeast(upTo);
      const { rss, heapUsed, resultsHeld, connections } = await server.rpc.call('memory');
      memory.rss.push([resultsHeld, rss]);
      memory.heap.push([resultsHeld, heapUsed]);
      memory.connections = connections / resultsHeld;
      trace(`memory step ${step}`);
    }
    if (measured) await warmUpRun();
    trace('warmed up');

    /** @type {LatencyRun[]} */
    const done = [];
    let open = [...bills];
    let settledSoFar = warmUp;
    for (let r = 0; r < runs; r += 1) {
      const picked = shuffled(open);
      const chosen = picked.slice(0, notify);
      const last = r === runs - 1;
      const profile = profileDir && last;
      const cpuBefore = {
        server: await server.rpc.call('cpu'),
        clients: await workers.cpuMs(),
        self: process.cpuUsage(),
      };
      if (profile) await Promise.all([server.rpc.call('profile-start'), workers.first.call('profile-start')]);
      const countsBefore = await server.rpc.call('counts');
      const windowStart = nowMs();
      const run = await notifyAtRate(server.url, server.secret, chosen, rate, ANSWER_MS);
      trace(`run ${r + 1} notified`);
      await workers.settled((settledSoFar += chosen.length), SETTLE_MS);
      trace(`run ${r + 1} settled`);
      if (profile) {
        await server.rpc.call('profile-stop', `${profileDir}/server-${strategy}-${waits}.cpuprofile`);
        await workers.first.call('profile-stop', `${profileDir}/client-${strategy}-${waits}.cpuprofile`);
      }
      const self = process.cpuUsage(cpuBefore.self);
      const cpu = {
        server: (await server.rpc.call('cpu')) - cpuBefore.server,
        clients: (await workers.cpuMs()) - cpuBefore.clients,
        notifier: (self.user + self.system) / 1000,
      };
      const countsAfter = await server.rpc.call('counts');
      const windowSeconds = (nowMs() - windowStart) / 1000;
      const resolvedAt = await workers.resolvedAt();
      // A wait not resolved in time counts as infinitely late: p99 says so when more than 1 % are.
      const latencies = chosen.map((b) => (resolvedAt.get(b.id) ?? Infinity) - (run.sentAt.get(b.id) ?? 0));
      const unresolved = latencies.filter((l) => l === Infinity).length;
      await segments?.collect({ server, workers, ids: chosen.map((b) => b.id), sentAt: run.sentAt, resolvedAt });
      done.push({
        latency: summarize(latencies),
        cpuMicrosPerNotification: {
          server: (cpu.server * 1000) / chosen.length,
          clients: (cpu.clients * 1000) / chosen.length,
          notifier: (cpu.notifier * 1000) / chosen.length,
        },
        reasks: held ? countsAfter.results - countsBefore.results : 0,
        requestsPerSecond: (countsAfter.total - countsBefore.total) / windowSeconds,
        unresolved,
        notifyFailed: run.failed,
      });
      // A saturated row says so in one run; more would only queue behind it.
      if (last || unresolved > chosen.length / 100) break;
      // Fresh waits in place of the notified ones, so the next window starts with `waits` held.
      const next = fresh.slice(r * notify, (r + 1) * notify);
      open = [...picked.slice(notify), ...next];
      // With profiles: the first refill too (what the clients and the server spend to open a wait).
      const profileOpen = profileDir && r === 0;
      if (profileOpen) await Promise.all([server.rpc.call('profile-start'), workers.first.call('profile-start')]);
      await workers.open(next, held ? 60_000 : 5_000);
      if (held) await heldAtLeast(waits);
      if (profileOpen) {
        await server.rpc.call('profile-stop', `${profileDir}/server-open-${strategy}-${waits}.cpuprofile`);
        await workers.first.call('profile-stop', `${profileDir}/client-open-${strategy}-${waits}.cpuprofile`);
      }
      trace(`run ${r + 1} refilled`);
    }
    const progress = await workers.settled(settledSoFar, 0);
    const idleRuns =
      idle &&
      (await idleCost({
        server,
        workers,
        count: idle.waits,
        runs,
        seconds: idle.seconds,
        tag: strategy,
        profileTo: profileDir && `${profileDir}/server-idle-${strategy}.cpuprofile`,
      }));
    trace('idle cost measured');
    return {
      strategy,
      waits,
      notified: notify,
      runs: done,
      memory: measured
        ? { rssPerWait: slope(memory.rss), heapPerWait: slope(memory.heap), connectionsPerWait: memory.connections }
        : undefined,
      idle:
        idleRuns && idle
          ? { waits: idle.waits, microsPerReask: idleRuns.server, clientMicrosPerReask: idleRuns.clients }
          : undefined,
      failed: progress.failed,
      pollErrors: progress.pollErrors,
      failures: progress.failures,
      ...(segments && { segments: segments.summary() }),
    };
  } finally {
    await workers?.stop();
    await server.rpc.stop();
  }
}
