// @ts-check
// `npm run bench`: the wait path measured against its alternatives (docs/performance.md).
import { mkdir, writeFile } from 'node:fs/promises';
import { readArgs } from './lib/args.mjs';
import { buildIfStale } from './lib/build-if-stale.mjs';
import { nowMs } from './lib/clock.mjs';
import { checkFileLimit, describeMachine } from './lib/machine.mjs';
import { formatTable } from './lib/report-table.mjs';
import { authPhase } from './phases/auth-phase.mjs';
import { cryptoPhase } from './phases/crypto-phase.mjs';
import { eventsPhase } from './phases/events-phase.mjs';
import { isMeasured, latencyPhase } from './phases/latency-phase.mjs';
import { requestCountPhase } from './phases/request-count-phase.mjs';
import { runMultiInstance } from './lib/multi-instance-child.mjs';

/**
 * Sizes per kind of run: `--full` (the figures of docs/performance.md), the default (the whole run under two minutes
 * on a quiet 2-core machine, every row still a median of three windows) and `--smoke`. Notify windows: seconds of
 * notifications at the rate (at most the waits). Idle: waits, and the length of each of its three windows, s. Auth:
 * `authenticate()` calls per run and runs; HTTP rounds and requests per block. Events: bills per latency run, runs,
 * paid notifications per second, and the backlog drained. Multi-instance: the size its own entry runs at.
 */
const SIZES = {
  full: {
    notifySeconds: 1.5,
    idle: { waits: 500, seconds: 0.75 },
    multiInstance: /** @type {const} */ ('default'),
    auth: { calls: 1000, runs: 7, rounds: 7, perBlock: 400 },
    events: { bills: 60, runs: 3, rate: 100, backlog: 300, store: /** @type {const} */ ('sqlite') },
    signatures: 5000,
  },
  default: {
    notifySeconds: 1,
    idle: { waits: 500, seconds: 0.5 },
    multiInstance: /** @type {const} */ ('short'),
    auth: { calls: 1000, runs: 3, rounds: 3, perBlock: 300 },
    events: { bills: 40, runs: 3, rate: 100, backlog: 200, store: /** @type {const} */ ('sqlite') },
    signatures: 3000,
  },
  smoke: {
    notifySeconds: 1,
    idle: { waits: 200, seconds: 0.5 },
    multiInstance: /** @type {const} */ ('smoke'),
    auth: { calls: 300, runs: 3, rounds: 3, perBlock: 150 },
    events: { bills: 20, runs: 3, rate: 100, backlog: 60, store: /** @type {const} */ ('sqlite') },
    signatures: 500,
  },
};

const args = readArgs(process.argv.slice(2));
if (args) {
  // A build (only when a package's sources changed) comes before the clock: it is not the bench's own time.
  const buildSeconds = args.build ? buildIfStale() : 0;
  const started = nowMs();
  const machine = await describeMachine();
  for (const waits of args.waits) checkFileLimit(machine, waits);
  if (args.profile) await mkdir(args.profile, { recursive: true });
  /** @param {string} text */
  const say = (text) => process.stderr.write(`bench: ${Math.round((nowMs() - started) / 1000)} s: ${text}\n`);

  const size = SIZES[args.full ? 'full' : args.smoke ? 'smoke' : 'default'];
  const fewestWaits = Math.min(...args.waits);
  const latency = [];
  for (const waits of args.waits) {
    const notify = Math.min(waits, args.notify ?? Math.max(200, args.rate * size.notifySeconds));
    for (const strategy of args.strategies) {
      // The baselines are hundreds of times the limit at any number of waits (their one-second period): by default
      // they run at the fewest waits only, so that the whole run stays under two minutes.
      if (!isMeasured(strategy) && waits !== fewestWaits && !args.full) continue;
      say(`${strategy}, ${waits} waits, ${notify} notifications at ${args.rate}/s`);
      // The background of idle waits, on the limit and coinslot rows at the smallest number of waits.
      const idleToo = isMeasured(strategy) && waits === fewestWaits;
      const idle = idleToo ? size.idle : undefined;
      const p = {
        strategy,
        waits,
        rate: args.rate,
        notify,
        runs: args.runs,
        clients: args.clients,
        clientFetch: args.clientFetch,
        profileDir: args.profile,
        idle,
        segments: args.segments,
      };
      latency.push(await latencyPhase(p));
    }
  }
  say(`requests of ${args.purchaseSeconds} s purchases, signing and verification`);
  const counted = args.strategies.filter(
    /** @type {(s: import('./lib/args.mjs').Strategy) => s is Exclude<import('./lib/args.mjs').Strategy, 'bare'>} */ (
      (s) => s !== 'bare'
    ),
  );
  // The purchases whose requests are counted mostly wait (20 players, a few requests each): their counts are exact
  // whatever runs beside them, so the crypto, auth and events phases run meanwhile instead of after.
  const counting = Promise.all(counted.map((s) => requestCountPhase(s, args.purchaseSeconds)));
  counting.catch(() => undefined); // awaited below; not an unhandled rejection meanwhile
  const crypto = await cryptoPhase(size.signatures);
  if (args.auth) say('authentication per request');
  const auth = args.auth ? await authPhase(size.auth) : undefined;
  if (args.events) say('webhooks: paid commit → first attempt, and a backlog drained');
  const events = args.events ? await eventsPhase(size.events) : undefined;
  const counts = await counting;
  if (args.multiInstance) say(`several instances (its ${size.multiInstance} size, through its own entry)`);
  // Its own entry, in its own process: a failure there (PostgreSQL or Redis missing) still leaves this run's table.
  const multiInstance = args.multiInstance
    ? await runMultiInstance(size.multiInstance).catch((/** @type {Error} */ error) => {
        process.exitCode = 1;
        return { table: `multi-instance phase FAILED: ${error.message}`, results: undefined };
      })
    : undefined;
  const results = {
    machine,
    args,
    latency,
    counts,
    crypto,
    auth,
    events,
    multiInstance: multiInstance?.results,
    seconds: (nowMs() - started) / 1000,
  };
  process.stdout.write(`${formatTable(results)}\n`);
  if (multiInstance) process.stdout.write(`\n${multiInstance.table}\n`);
  const built = buildSeconds > 0 ? `; a build of ${Math.round(buildSeconds)} s before it` : '';
  process.stdout.write(
    `\ntotal: ${Math.round(results.seconds)} s (${args.full ? '--full' : args.smoke ? '--smoke' : 'default'} run${built})\n`,
  );
  if (args.json) await writeFile(args.json, JSON.stringify(results, null, 2));
}
