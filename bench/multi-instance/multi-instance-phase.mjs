// @ts-check
import { medianOf, summarize } from '../lib/stats.mjs';
import { commitRounds } from './commit-rounds.mjs';
import { newSigningKey } from './deployment.mjs';
import { openAdmin, Rig } from './rig.mjs';
import { WaitingClients } from './wake-window.mjs';

/** @typedef {import('./rig.mjs').WakeRow} WakeRow */

/** The rows, in the order they print. */
export const WAKE_ROWS = /** @type {WakeRow[]} */ ([
  { name: 'one process', bus: 'in-process', instances: 1 },
  { name: 'PostgreSQL bus', bus: 'postgres', instances: 2 },
  { name: 'Redis bus', bus: 'redis', instances: 2 },
  { name: 'Redis, read every 1 s (the original design)', bus: 'redis-one-second-reader', instances: 2 },
]);

/** Issue 13's targets on a 2-core machine at 500 notifications/s. */
export const TARGETS = {
  /** p99 notify → verified result, ms, by bus (the median of the runs' p99s) */
  p99Ms: /** @type {Record<string, number>} */ ({ redis: 25, postgres: 50 }),
  /** paid commits with the PostgreSQL bus ÷ without wake-ups (the median of the rounds' ratios) */
  commitRatio: 0.8,
};

/**
 * @typedef {object} WakeResult
 * @property {string} name
 * @property {string} bus
 * @property {import('../lib/stats.mjs').Summary} latency notify sent to the last instance → verified result in the
 *   client waiting on the first, ms, over every run
 * @property {number[]} p50PerRun
 * @property {number[]} p99PerRun
 * @property {number[]} ratioPerRun this row's p99 ÷ one process's, in the same round
 * @property {import('./rig.mjs').CpuSplit[]} cpuPerRun CPU per notification, by who used it
 * @property {number} unresolved waits not resolved 15 s after the last notification of their run
 * @property {number} notifyFailed
 */

/**
 * @typedef {object} PhaseSizes
 * @property {number} rate notifications per second
 * @property {number} notify bills per measured window (run)
 * @property {number} runs measured windows per row, interleaved across rows (round r runs every row once)
 * @property {number} warmUp bills of one uncounted window per row first (JIT, pools, bus connections)
 * @property {number} clients SDK client processes
 * @property {{ bills: number, lanes: number, rounds: number }} [commits] bills per round, notifications in flight,
 *   rounds; left out: no commit throughput
 */

/** @type {PhaseSizes} the default: sized for ≈ 40 s on a quiet 2-core machine (16 windows of 0.8 s of notifications), medians of three runs */
export const MULTI_INSTANCE_FULL = {
  rate: 500,
  notify: 400,
  runs: 3,
  warmUp: 100,
  clients: 2,
  // Rounds of about a second each: rounds of 0.1–0.2 s swung 54–102 % on a quiet machine (one GC, one activity-log
  // write or one autovacuum pass is a large share of so short a round).
  commits: { bills: 2000, lanes: 16, rounds: 3 },
};
/**
 * @type {PhaseSizes} `--short`, what `npm run bench` runs by default: still three runs per row for the medians, of
 * 200 notifications (0.4 s) each; ≈ 25 s on a quiet 2-core machine
 */
export const MULTI_INSTANCE_SHORT = {
  rate: 500,
  notify: 200,
  runs: 3,
  warmUp: 100,
  clients: 2,
  commits: { bills: 1000, lanes: 16, rounds: 3 },
};
/** @type {PhaseSizes} `--long`: more samples per run and more rounds */
export const MULTI_INSTANCE_LONG = {
  rate: 500,
  notify: 1500,
  runs: 5,
  warmUp: 300,
  clients: 2,
  commits: { bills: 2000, lanes: 16, rounds: 5 },
};
/** @type {PhaseSizes} `--smoke`: checks the phase runs, measures nothing worth quoting */
export const MULTI_INSTANCE_SMOKE = {
  rate: 500,
  notify: 100,
  runs: 1,
  warmUp: 20,
  clients: 1,
  commits: { bills: 100, lanes: 8, rounds: 1 },
};

/** Rows in round `r`'s order: rotated, so no row always follows the same one. @param {Rig[]} rigs @param {number} r */
const rotated = (rigs, r) => [...rigs.slice(r % rigs.length), ...rigs.slice(0, r % rigs.length)];

/**
 * The whole phase, in one run: a deployment per row over its own PostgreSQL schema, all started first; one
 * uncounted window per row; then `runs` rounds, each a window per row (notify → verified result, CPU per
 * notification); then paid-commit throughput with and without the PostgreSQL bus on the same deployments.
 * @param {PhaseSizes} p
 * @param {{ rows?: WakeRow[], say?: (line: string) => void, profileDir?: string }} [options] `profileDir`: where
 *   each pay server process writes a .cpuprofile of its row's last window
 */
export async function multiInstancePhase(p, { rows = WAKE_ROWS, say = () => undefined, profileDir } = {}) {
  const commitBills = p.commits ? p.commits.bills * p.commits.rounds : 0;
  const wanted = [...rows];
  for (const bus of /** @type {const} */ (['in-process', 'postgres'])) {
    const row = WAKE_ROWS.find((r) => r.bus === bus);
    if (p.commits && row && !wanted.includes(row)) wanted.push(row);
  }
  const signingKey = await newSigningKey();
  const admin = await openAdmin();
  /** @type {Rig[]} */
  const rigs = [];
  /** @type {WaitingClients | undefined} */
  let clients;
  try {
    say(`several instances: starting ${wanted.length} deployments, creating their bills`);
    const started = await Promise.allSettled(
      wanted.map((row) => {
        const forCommits = row.bus === 'in-process' || row.bus === 'postgres' ? commitBills : 0;
        const forWaits = rows.includes(row) ? p.warmUp + p.notify * p.runs : 0;
        return Rig.start(row, forWaits + forCommits, { signingKey });
      }),
    );
    for (const outcome of started) if (outcome.status === 'fulfilled') rigs.push(outcome.value);
    const failed = started.find((outcome) => outcome.status === 'rejected');
    if (failed) throw /** @type {PromiseRejectedResult} */ (failed).reason;
    const waitRigs = rigs.filter((rig) => rows.includes(rig.row));
    const first = /** @type {Rig} */ (waitRigs[0] ?? rigs[0]);
    clients = await WaitingClients.start(p.clients, first.waitOn.keys, first.waitOn.url);
    say(`several instances: an uncounted window of ${p.warmUp} per row`);
    for (const rig of waitRigs) {
      const warm = await clients.window(rig, admin, { rate: p.rate, size: p.warmUp });
      const lost = warm.latencies.filter((t) => t === Infinity).length;
      if (lost > 0 || warm.notifyFailed > 0)
        say(
          `several instances: ${rig.row.name}: ${lost} unresolved, ${warm.notifyFailed} notifications failed in the uncounted window`,
        );
    }
    /** @type {Map<Rig, import('./wake-window.mjs').WindowResult[]>} */
    const windows = new Map(waitRigs.map((rig) => [rig, []]));
    for (let r = 0; r < p.runs; r += 1) {
      say(`several instances: run ${r + 1} of ${p.runs}, ${p.notify} notifications at ${p.rate}/s per row`);
      const last = r === p.runs - 1;
      for (const rig of rotated(waitRigs, r)) {
        const profile = profileDir && last ? `${profileDir}/${rig.row.bus}` : undefined;
        windows.get(rig)?.push(await clients.window(rig, admin, { rate: p.rate, size: p.notify, profile }));
      }
    }
    const wake = summarizeRows(waitRigs, windows);
    const rigOf = (/** @type {string} */ bus) => rigs.find((rig) => rig.row.bus === bus);
    const without = rigOf('in-process');
    const withBus = rigOf('postgres');
    if (p.commits) say('several instances: paid commits with and without the PostgreSQL bus');
    const commits =
      p.commits && without && withBus ? await commitRounds({ without, withBus }, admin, p.commits) : undefined;
    return { rate: p.rate, notify: p.notify, runs: p.runs, wake, commits };
  } finally {
    await clients?.stop();
    await Promise.all(rigs.map((rig) => rig.stop()));
    await admin.end();
  }
}

/**
 * Each row over its runs, with its p99 as a multiple of one process's in the same round.
 * @param {Rig[]} rigs @param {Map<Rig, import('./wake-window.mjs').WindowResult[]>} windows
 * @returns {WakeResult[]}
 */
function summarizeRows(rigs, windows) {
  const baseline = rigs.find((rig) => rig.row.bus === 'in-process');
  const baseP99 = (windows.get(/** @type {Rig} */ (baseline)) ?? []).map((w) => summarize(w.latencies).p99);
  return rigs.map((rig) => {
    const runs = windows.get(rig) ?? [];
    const p99PerRun = runs.map((w) => summarize(w.latencies).p99);
    const all = runs.flatMap((w) => w.latencies);
    return {
      name: rig.row.name,
      bus: rig.row.bus,
      latency: summarize(all),
      p50PerRun: runs.map((w) => summarize(w.latencies).p50),
      p99PerRun,
      ratioPerRun: p99PerRun.map((p99, i) => p99 / (baseP99[i] ?? NaN)),
      cpuPerRun: runs.map((w) => w.cpu),
      unresolved: all.filter((t) => t === Infinity).length,
      notifyFailed: runs.reduce((sum, w) => sum + w.notifyFailed, 0),
    };
  });
}

/**
 * The median of each CPU figure over runs.
 * @param {import('./rig.mjs').CpuSplit[]} splits
 * @returns {import('./rig.mjs').CpuSplit}
 */
export function medianSplit(splits) {
  const of = (/** @type {keyof import('./rig.mjs').CpuSplit} */ key) => medianOf(splits.map((s) => s[key])).median;
  return {
    notified: of('notified'),
    waitedOn: of('waitedOn'),
    postgres: of('postgres'),
    clients: of('clients'),
    bench: of('bench'),
    machineBusy: of('machineBusy'),
  };
}
