// @ts-check

const ms = (/** @type {number} */ value) => (Number.isFinite(value) ? `${value.toFixed(1)} ms` : '∞');
const median = (/** @type {number[]} */ values) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

/**
 * The multi-instance phase as a table: notify → verified result per way of waking, with p99 as a multiple of one
 * process's, and the paid-commit throughput with the PostgreSQL bus against without wake-ups.
 * @param {{ rate: number, notify: number, runs: number, wake: import('./multi-instance-phase.mjs').WakeResult[], commits: import('./multi-instance-phase.mjs').CommitResult | undefined }} r
 */
export function formatMultiInstance({ rate, notify, runs, wake, commits }) {
  const base = wake.find((row) => row.name === 'one process')?.latency.p99 ?? NaN;
  const lines = [
    `Multi-instance: a wait held on instance A, the notification on instance B (one process: both on A), ${rate} notifications/s,`,
    `${runs} runs of ${notify}; notify sent → result verified by the SDK client (createCoinslot().resume()).`,
    '',
    '| wake-up | p50 | p99 | max | p99 per run | p99 ÷ one process | unresolved |',
    '|---|---|---|---|---|---|---|',
    ...wake.map(
      (row) =>
        `| ${row.name} | ${ms(row.latency.p50)} | ${ms(row.latency.p99)} | ${ms(row.latency.max)} | ${row.p99PerRun.map(ms).join(', ')} | ${(row.latency.p99 / base).toFixed(1)}× | ${row.unresolved} |`,
    ),
  ];
  if (commits) {
    lines.push(
      '',
      'Paid-bill commits per second through POST /v1/notify on one instance (another listening), rounds interleaved:',
      '',
      '| | per round | median |',
      '|---|---|---|',
      `| without wake-ups (in-process bus) | ${commits.without.map((v) => v.toFixed(0)).join(', ')} | ${median(commits.without).toFixed(0)}/s |`,
      `| PostgreSQL bus (NOTIFY after each commit) | ${commits.withBus.map((v) => v.toFixed(0)).join(', ')} | ${median(commits.withBus).toFixed(0)}/s |`,
      `| ratio, per round | ${commits.ratios.map((v) => `${(v * 100).toFixed(0)} %`).join(', ')} | ${(median(commits.ratios) * 100).toFixed(0)} % |`,
    );
  }
  return lines.join('\n');
}
