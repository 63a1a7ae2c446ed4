// @ts-check
import { medianOf } from '../lib/stats.mjs';
import { medianSplit, TARGETS } from './multi-instance-phase.mjs';

const ms = (/** @type {number} */ value) =>
  Number.isFinite(value) ? `${value < 100 ? value.toFixed(1) : value.toFixed(0)} ms` : '∞';
const times = (/** @type {number} */ value) => (Number.isFinite(value) ? `${value.toFixed(1)}×` : '–');
const percent = (/** @type {number} */ value) => `${(value * 100).toFixed(0)} %`;

/**
 * The median of `values` and their spread, e.g. `12.0 ms (10.1–15.3)`.
 * @param {number[]} values @param {(v: number) => string} format
 */
function spread(values, format) {
  const { median, min, max } = medianOf(values);
  if (!values.every(Number.isFinite)) return values.some(Number.isFinite) ? `${format(median)} (some ∞)` : '–';
  if (values.length < 2) return format(median);
  return `${format(median)} (${format(min).replace(/ ms|×| %/, '')}–${format(max)})`;
}

/** `met` or `MISSED` against a target, with the target. @param {boolean} met @param {string} target */
const verdict = (met, target) => `${target}: ${met ? 'met' : '**MISSED**'}`;

/**
 * The multi-instance phase as tables: notify → verified result per way of waking (medians of the runs and their
 * spread, p99 as a multiple of one process's in the same round, met/MISSED against issue 13's targets), where each
 * notification's CPU went, and the paid-commit throughput with the PostgreSQL bus against without wake-ups.
 * @param {{ rate: number, notify: number, runs: number, wake: import('./multi-instance-phase.mjs').WakeResult[], commits: import('./commit-rounds.mjs').CommitResult | undefined }} r
 */
export function formatMultiInstance({ rate, notify, runs, wake, commits }) {
  const lines = [
    `Multi-instance: a wait held on instance A, the notification on instance B (one process: both on A), ${rate} notifications/s,`,
    `${runs} runs of ${notify} per row, rows interleaved; notify sent → result verified by the SDK client (createCoinslot().resume()).`,
    'Each figure: the median of the runs (least–greatest).',
    '',
    '| wake-up | p50 | p99 | p99 ÷ one process | target (p99) | unresolved |',
    '|---|---|---|---|---|---|',
    ...wake.map((row) => {
      const target = TARGETS.p99Ms[row.bus];
      const p99 = medianOf(row.p99PerRun).median;
      const judged = target === undefined ? '–' : verdict(p99 <= target && row.unresolved === 0, `≤ ${target} ms`);
      return `| ${row.name} | ${spread(row.p50PerRun, ms)} | ${spread(row.p99PerRun, ms)} | ${spread(row.ratioPerRun, times)} | ${judged} | ${row.unresolved} |`;
    }),
    '',
    `CPU per notification, µs (median of the runs), and the cores that takes at ${rate}/s:`,
    '',
    '| wake-up | instance B (notified) | instance A (waits) | PostgreSQL | SDK clients | notifier | total | cores | machine busy |',
    '|---|---|---|---|---|---|---|---|---|',
    ...wake.map((row) => {
      const c = medianSplit(row.cpuPerRun);
      const total = c.notified + c.waitedOn + c.postgres + c.clients + c.bench;
      return `| ${row.name} | ${c.notified} | ${c.waitedOn || '–'} | ${c.postgres} | ${c.clients} | ${c.bench} | ${total} | ${((total * rate) / 1e6).toFixed(2)} | ${c.machineBusy} % |`;
    }),
  ];
  if (commits) lines.push('', ...formatCommits(commits));
  return lines.join('\n');
}

/** @param {import('./commit-rounds.mjs').CommitResult} commits */
function formatCommits(commits) {
  const ratio = medianOf(commits.ratios).median;
  const cpu = (/** @type {import('./rig.mjs').CpuSplit[]} */ splits) => {
    const c = medianSplit(splits);
    const server = c.notified + c.postgres;
    return `${c.notified} + ${c.postgres} = ${server} µs (at most ${Math.round(2e6 / server)}/s on 2 cores), payer ${c.bench} µs, machine busy ${c.machineBusy} %`;
  };
  return [
    'Paid-bill commits per second through POST /v1/notify on one instance (with the bus, another listening), rounds interleaved:',
    '',
    '| | per round | median | CPU per commit: instance + PostgreSQL (median) |',
    '|---|---|---|---|',
    `| without wake-ups (in-process bus) | ${commits.without.map((v) => v.toFixed(0)).join(', ')} | ${medianOf(commits.without).median.toFixed(0)}/s | ${cpu(commits.cpuWithout)} |`,
    `| PostgreSQL bus (NOTIFY after each commit) | ${commits.withBus.map((v) => v.toFixed(0)).join(', ')} | ${medianOf(commits.withBus).median.toFixed(0)}/s | ${cpu(commits.cpuWithBus)} |`,
    `| ratio, per round | ${commits.ratios.map(percent).join(', ')} | ${percent(ratio)} | ${verdict(ratio >= TARGETS.commitRatio, `≥ ${percent(TARGETS.commitRatio)}`)} |`,
  ];
}
