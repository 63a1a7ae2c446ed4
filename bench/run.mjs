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
import {
  MULTI_INSTANCE_FULL,
  MULTI_INSTANCE_SMOKE,
  multiInstancePhase,
} from './multi-instance/multi-instance-phase.mjs';
import { formatMultiInstance } from './multi-instance/multi-instance-table.mjs';

const NOTIFY_SECONDS = 1.5;
/** Idle waits for the background-cost figure, and the length of each of its windows, s. */
const IDLE_WAITS = 500;
const IDLE_SECONDS = 1;
/** The auth-cost phase: `authenticate()` calls per run and runs; HTTP rounds and requests per block. */
const AUTH_FULL = { calls: 1000, runs: 7, rounds: 7, perBlock: 400 };
const AUTH_SMOKE = { calls: 300, runs: 3, rounds: 3, perBlock: 150 };
/** The events phase: bills per latency run, runs, paid notifications per second, and the backlog drained. */
const EVENTS_FULL = { bills: 60, runs: 3, rate: 100, backlog: 300, store: /** @type {const} */ ('sqlite') };
const EVENTS_SMOKE = { bills: 20, runs: 3, rate: 100, backlog: 60, store: /** @type {const} */ ('sqlite') };

const args = readArgs(process.argv.slice(2));
if (args) {
  const started = nowMs();
  const machine = await describeMachine();
  for (const waits of args.waits) checkFileLimit(machine, waits);
  if (args.build) buildIfStale();
  if (args.profile) await mkdir(args.profile, { recursive: true });
  /** @param {string} text */
  const say = (text) => process.stderr.write(`bench: ${Math.round((nowMs() - started) / 1000)} s: ${text}\n`);

  const latency = [];
  for (const waits of args.waits) {
    const notify = Math.min(waits, args.notify ?? Math.max(200, args.rate * NOTIFY_SECONDS));
    for (const strategy of args.strategies) {
      say(`${strategy}, ${waits} waits, ${notify} notifications at ${args.rate}/s`);
      // The background of idle waits, on the limit and coinslot rows at the smallest number of waits.
      const idleToo = isMeasured(strategy) && waits === Math.min(...args.waits);
      const idle = idleToo ? { waits: args.smoke ? 200 : IDLE_WAITS, seconds: IDLE_SECONDS } : undefined;
      const p = {
        strategy,
        waits,
        rate: args.rate,
        notify,
        runs: args.runs,
        clients: args.clients,
        profileDir: args.profile,
        idle,
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
  const [counts, crypto] = await Promise.all([
    Promise.all(counted.map((s) => requestCountPhase(s, args.purchaseSeconds))),
    cryptoPhase(args.smoke ? 500 : 5000),
  ]);
  say('authentication per request');
  const auth = await authPhase(args.smoke ? AUTH_SMOKE : AUTH_FULL);
  if (args.events) say('webhooks: paid commit → first attempt, and a backlog drained');
  const events = args.events ? await eventsPhase(args.smoke ? EVENTS_SMOKE : EVENTS_FULL) : undefined;
  const multiInstance = args.multiInstance
    ? await multiInstancePhase(args.smoke ? MULTI_INSTANCE_SMOKE : MULTI_INSTANCE_FULL, { say })
    : undefined;
  const results = {
    machine,
    args,
    latency,
    counts,
    crypto,
    auth,
    events,
    multiInstance,
    seconds: (nowMs() - started) / 1000,
  };
  process.stdout.write(`${formatTable(results)}\n`);
  if (multiInstance) process.stdout.write(`\n${formatMultiInstance(multiInstance)}\n`);
  if (args.json) await writeFile(args.json, JSON.stringify(results, null, 2));
}
