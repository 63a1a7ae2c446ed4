// @ts-check
import { purchaseCost } from './request-model.mjs';

/**
 * @typedef {object} BenchResults
 * @property {import('./machine.mjs').Machine} machine
 * @property {import('./args.mjs').BenchArgs} args
 * @property {import('../phases/latency-phase.mjs').LatencyResult[]} latency
 * @property {import('../phases/request-count-phase.mjs').MeasuredCost[]} counts measured at `args.purchaseSeconds`
 * @property {import('../phases/crypto-phase.mjs').CryptoResult} crypto
 * @property {number} seconds the whole run
 */

const NAMES = { coinslot: 'coinslot held wait', polling: 'short polling, 1 s', 'sleep-loop': 'sleep-loop server, 1 s' };
const LENGTHS = [5, 60, 600];

/** @param {number} n @param {number} [digits] */
const num = (n, digits = 0) =>
  Number.isFinite(n) ? n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : '—';
/** @param {number} n */
const ms = (n) => (n === Infinity ? 'unres.' : num(n, n < 10 ? 2 : n < 100 ? 1 : 0));
/** @param {number} n */
const ratio = (n) => (Number.isFinite(n) ? `${num(n, n < 10 ? 1 : 0)}×` : '—');
/** @param {(string | number)[]} cells @param {number[]} widths */
const row = (cells, widths) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i] ?? 0) : String(c).padStart(widths[i] ?? 0))).join('  ');

/** @param {BenchResults} r */
function latencyLines(r) {
  const w = [24, 7, 8, 8, 8, 8, 7, 7, 9];
  const lines = [row(['notify → verified result', 'waits', 'notified', 'p50 ms', 'p99 ms', 'max ms', 'p50 ×', 'p99 ×', 'srv µs/n'], w)];
  for (const waits of r.args.waits) {
    const base = r.latency.find((l) => l.waits === waits && l.strategy === 'coinslot');
    for (const l of r.latency.filter((x) => x.waits === waits)) {
      const { p50, p99, max } = l.latency;
      const cells = [NAMES[l.strategy], num(l.waits), num(l.notified), ms(p50), ms(p99), ms(max)];
      cells.push(ratio(p50 / (base?.latency.p50 ?? NaN)), ratio(p99 / (base?.latency.p99 ?? NaN)), num(l.cpuMicrosPerNotification.server));
      const notes = [
        l.unresolved > 0 ? `${num(l.unresolved)} unresolved after 5 s; server at ${num(l.requestsPerSecond)} requests/s` : '',
        l.notifyFailed > 0 ? `${num(l.notifyFailed)} notifications unanswered` : '',
        l.failed > 0 ? `${num(l.failed)} failed` : '',
      ];
      lines.push(row(cells, w) + notes.filter(Boolean).map((n) => `  (${n})`).join(''));
    }
  }
  return lines;
}

/** @param {BenchResults} r */
function memoryLines(r) {
  const w = [24, 7, 12, 12, 12];
  const lines = [row(['server memory, held wait', 'waits', 'RSS B/wait', 'heap B/wait', 'conns/wait'], w)];
  for (const l of r.latency.filter((x) => x.strategy === 'coinslot' && x.memory)) {
    const m = l.memory;
    lines.push(row(['', num(l.waits), num(m?.rssPerWait ?? NaN), num(m?.heapPerWait ?? NaN), num(m?.connectionsPerWait ?? NaN, 2)], w));
  }
  return lines;
}

/** @param {BenchResults} r */
function requestLines(r) {
  const s = r.args.purchaseSeconds;
  const w = [24, 5, 5, 7, 9, 20];
  const lines = [row(['requests per purchase', '5 s', '60 s', '10 min', `real ${s} s`, 'bill reads 5s/60s/10m'], w)];
  for (const m of r.counts) {
    const model = LENGTHS.map((d) => purchaseCost(m.strategy, d));
    const expected = purchaseCost(m.strategy, s);
    const real = `${num(m.requests, Number.isInteger(m.requests) ? 0 : 1)}${m.requests === expected.requests ? '' : ` (≠${expected.requests})`}`;
    lines.push(row([NAMES[m.strategy], ...model.map((c) => num(c.requests)), real, model.map((c) => num(c.storeReads)).join(' / ')], w));
  }
  return lines;
}

/**
 * The bench's table, as printed and as pasted into docs/performance.md.
 * @param {BenchResults} r
 */
export function formatTable(r) {
  const { machine: m, args: a } = r;
  return [
    `Coinslot bench — ${m.cores} × ${m.cpu}, ${m.ramGiB} GiB, node ${m.node}; CPUs ${m.busyPercent} % busy before the run (load ${m.load1}); ${Math.round(r.seconds)} s`,
    `${num(a.rate)} notifications/s, ${a.clients} client processes; srv µs/n = server CPU per notification`,
    '',
    ...latencyLines(r),
    '',
    ...memoryLines(r),
    '',
    ...requestLines(r),
    '',
    `server signing, ES256 WebCrypto   ${num(r.crypto.signPerSecond)} signatures/s; ${num(r.crypto.answersPerSecond)} signed answers/s through handle()`,
    `client verifySignedResult         ${num(r.crypto.verifyMicros)} µs per result`,
  ].join('\n');
}
