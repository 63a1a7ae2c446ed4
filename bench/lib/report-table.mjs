// @ts-check
import { AUTH_KINDS } from '../phases/auth-phase.mjs';
import { idleMsPerMinute } from '../phases/idle-phase.mjs';
import { isMeasured } from '../phases/latency-phase.mjs';
import { purchaseCost } from './request-model.mjs';
import { segmentLines } from './segments-table.mjs';
import { medianOf } from './stats.mjs';

/**
 * @typedef {object} BenchResults
 * @property {import('./machine.mjs').Machine} machine
 * @property {import('./args.mjs').BenchArgs} args
 * @property {import('../phases/latency-phase.mjs').LatencyResult[]} latency
 * @property {import('../phases/request-count-phase.mjs').MeasuredCost[]} counts measured at `args.purchaseSeconds`
 * @property {import('../phases/crypto-phase.mjs').CryptoResult} crypto
 * @property {import('../phases/auth-phase.mjs').AuthResult} [auth] absent with `--no-auth`
 * @property {import('../phases/events-phase.mjs').EventsResult} [events] absent with `--no-events`
 * @property {number} seconds the whole run
 */

const NAMES = {
  bare: 'limit: bare node:http',
  coinslot: 'coinslot held wait, dev',
  'coinslot-auth': 'coinslot held wait, auth',
  polling: 'short polling, 1 s',
  'sleep-loop': 'sleep-loop server, 1 s',
};
/** The targets (issue 16), as ratios to the limit row run beside it; and issue 10's for a player token, µs. */
export const TARGETS = { p50: 2, p99: 2, rssPerWait: 10_000, playerTokenMicros: 500, webhookP99Ms: 200 };
/** The held-wait rows the targets are checked on. */
const HELD = ['coinslot', 'coinslot-auth'];
const AUTH_NAMES = {
  'player token': 'player token (ES256 JWT)',
  'bill token': 'bill token (HMAC-SHA256)',
  'server key': 'server key (SHA-256)',
  none: 'none',
};
const LENGTHS = [5, 60, 600];

/** @param {number} n @param {number} [digits] */
const num = (n, digits = 0) =>
  Number.isFinite(n)
    ? n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })
    : '—';
/** @param {number} n */
const ms = (n) => (n === Infinity ? 'unres.' : num(n, n < 10 ? 2 : n < 100 ? 1 : 0));
/** @param {number} n */
const ratio = (n) => (Number.isFinite(n) ? `${num(n, n < 10 ? 1 : 0)}×` : '—');
/** @param {(string | number)[]} cells @param {number[]} widths */
const row = (cells, widths) =>
  cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i] ?? 0) : String(c).padStart(widths[i] ?? 0))).join('  ');

/** @param {{ median: number, min: number, max: number }} m @param {(n: number) => string} f */
const spread = (m, f) => `${f(m.median)} (${f(m.min)}–${f(m.max)})`;

/**
 * A row's figures over its runs: medians and spreads of p50, p99 and max; the server's CPU per notification with
 * the idle waits' re-asks taken out (at the CPU per re-ask the idle phase measured for that server).
 * @param {import('../phases/latency-phase.mjs').LatencyResult} l
 * @param {BenchResults} r
 */
export function rowFigures(l, r) {
  // A row's own idle figure; the baselines take the held wait's (the same server's re-ask), dev auth first.
  const idleRows = r.latency.filter((x) => x.idle);
  const idleOf = (
    idleRows.find((x) => x.strategy === l.strategy) ??
    (l.strategy === 'bare' ? undefined : HELD.map((h) => idleRows.find((x) => x.strategy === h)).find(Boolean))
  )?.idle;
  const reaskMicros = medianOf(idleOf?.microsPerReask ?? []).median;
  const net = (/** @type {import('../phases/latency-phase.mjs').LatencyRun} */ run) =>
    run.cpuMicrosPerNotification.server - (run.reasks > 0 ? (run.reasks * reaskMicros) / l.notified : 0);
  return {
    p50: medianOf(l.runs.map((x) => x.latency.p50)),
    p99: medianOf(l.runs.map((x) => x.latency.p99)),
    max: medianOf(l.runs.map((x) => x.latency.max)),
    serverMicros: medianOf(l.runs.map(net)),
    reasks: medianOf(l.runs.map((x) => x.reasks)),
    unresolved: Math.max(...l.runs.map((x) => x.unresolved)),
    notifyFailed: Math.max(...l.runs.map((x) => x.notifyFailed)),
    requestsPerSecond: medianOf(l.runs.map((x) => x.requestsPerSecond)).median,
  };
}

/** @param {BenchResults} r */
function latencyLines(r) {
  const w = [24, 7, 8, 4, 22, 22, 7, 7, 7, 9];
  const head = [
    'notify → verified result',
    'waits',
    'notified',
    'runs',
    'p50 ms (min–max)',
    'p99 ms (min–max)',
    'max ms',
    'p50 ×',
    'p99 ×',
    'srv µs/n',
  ];
  const lines = [row(head, w)];
  for (const waits of r.args.waits) {
    const limit = r.latency.find((l) => l.waits === waits && l.strategy === 'bare');
    const base = limit && rowFigures(limit, r);
    for (const l of r.latency.filter((x) => x.waits === waits)) {
      const f = rowFigures(l, r);
      const cells = [
        NAMES[l.strategy],
        num(l.waits),
        num(l.notified),
        num(l.runs.length),
        spread(f.p50, ms),
        spread(f.p99, ms),
        ms(f.max.median),
      ];
      cells.push(
        ratio(f.p50.median / (base?.p50.median ?? NaN)),
        ratio(f.p99.median / (base?.p99.median ?? NaN)),
        // Below zero when a saturated row's re-asks (taken out at the idle phase's price) outweigh the window's CPU.
        f.serverMicros.median >= 0 ? num(f.serverMicros.median) : '—',
      );
      const notes = [
        f.unresolved > 0
          ? `${num(f.unresolved)} unresolved after 5 s; server at ${num(f.requestsPerSecond)} requests/s`
          : '',
        f.notifyFailed > 0 ? `${num(f.notifyFailed)} notifications unanswered` : '',
        l.failed > 0 ? `${num(l.failed)} failed` : '',
      ];
      lines.push(
        row(cells, w) +
          notes
            .filter(Boolean)
            .map((n) => `  (${n})`)
            .join(''),
      );
    }
  }
  return lines;
}

/** @param {BenchResults} r */
function memoryLines(r) {
  const w = [24, 7, 12, 12, 12];
  const lines = [row(['server memory, held wait', 'waits', 'RSS B/wait', 'heap B/wait', 'conns/wait'], w)];
  for (const l of r.latency.filter((x) => isMeasured(x.strategy) && x.memory)) {
    const m = l.memory;
    const cells = [
      NAMES[l.strategy],
      num(l.waits),
      num(m?.rssPerWait ?? NaN),
      num(m?.heapPerWait ?? NaN),
      num(m?.connectionsPerWait ?? NaN, 2),
    ];
    lines.push(row(cells, w));
  }
  return lines;
}

/** @param {BenchResults} r */
function idleLines(r) {
  const w = [24, 7, 22, 30, 24];
  const lines = [
    row(['idle waits, background', 'waits', 'srv µs/re-ask', 'srv CPU per 10,000 idle/min', 'clients µs/re-ask'], w),
  ];
  for (const l of r.latency) {
    if (!l.idle) continue;
    const m = medianOf(l.idle.microsPerReask);
    const perMinute = idleMsPerMinute(m.median);
    const share = `${num(perMinute / 1000, 2)} s (${num(perMinute / 600, 1)} % of a core)`;
    const clients = medianOf(l.idle.clientMicrosPerReask);
    lines.push(
      row([NAMES[l.strategy], num(l.idle.waits), spread(m, (n) => num(n)), share, spread(clients, (n) => num(n))], w),
    );
  }
  return lines;
}

/** @param {BenchResults} r */
function targetLines(r) {
  const lines = [
    `targets (issue 16): p50 ≤ ${TARGETS.p50}× and p99 ≤ ${TARGETS.p99}× the limit row; ≤ ${num(TARGETS.rssPerWait)} B RSS per held wait`,
  ];
  for (const waits of r.args.waits) {
    const limit = r.latency.find((l) => l.waits === waits && l.strategy === 'bare');
    for (const held of r.latency.filter((l) => l.waits === waits && HELD.includes(l.strategy))) {
      if (!limit) continue;
      const [b, c] = [rowFigures(limit, r), rowFigures(held, r)];
      const verdict = (/** @type {number} */ x, /** @type {number} */ target) =>
        `${ratio(x)} ${x <= target ? 'met' : 'MISSED'}`;
      const rss = held.memory?.rssPerWait ?? NaN;
      const auth = held.strategy === 'coinslot-auth' ? 'auth' : 'dev ';
      lines.push(
        `  ${num(waits).padStart(6)} waits, ${auth}: p50 ${verdict(c.p50.median / b.p50.median, TARGETS.p50)}, p99 ${verdict(c.p99.median / b.p99.median, TARGETS.p99)}, ` +
          `RSS ${num(rss)} B/wait ${rss <= TARGETS.rssPerWait ? 'met' : 'MISSED'}`,
      );
    }
  }
  if (!r.auth) return lines;
  const player = medianOf(r.auth.authenticateMicros['player token'] ?? []).median;
  lines.push(
    `  authentication: a player token ${num(player)} µs per request at the median, ≤ ${num(TARGETS.playerTokenMicros)} µs ${player <= TARGETS.playerTokenMicros ? 'met' : 'MISSED'} (issue 10)`,
  );
  return lines;
}

/** @param {BenchResults} r */
function authLines(r) {
  const { auth: a } = r;
  if (!a) return [];
  const w = [30, 22, 22];
  const lines = [row(['authentication, per request', 'authenticate() µs', 'HTTP +latency µs'], w)];
  for (const kind of AUTH_KINDS) {
    const direct = medianOf(a.authenticateMicros[kind] ?? []);
    const extra = a.httpExtraMicros[kind];
    const one = (/** @type {number} */ n) => num(n, Math.abs(n) < 10 ? 1 : 0);
    lines.push(
      row(
        [
          AUTH_NAMES[/** @type {keyof typeof AUTH_NAMES} */ (kind)],
          spread(direct, one),
          extra ? spread(medianOf(extra), one) : '(baseline)',
        ],
        w,
      ),
    );
  }
  lines.push(
    `  authenticate(): median of ${a.direct.runs} runs of ${num(a.direct.calls)} calls (min–max), one process; HTTP: GET /v1/bills/:id ` +
      `minus the same without a credential on a dev-auth server (${num(a.http.devMedianMicros)} µs), ${a.http.rounds} rounds of ${num(a.http.perBlock)}`,
  );
  return lines;
}

/** @param {NonNullable<BenchResults['events']>} e */
function eventsLines(e) {
  const { options: o, throughput: t } = e;
  const w = [34, 22, 22, 14];
  const p99 = medianOf(e.latencyRuns.map((s) => s.p99));
  const lines = [
    row(
      [
        `webhooks, ${o.store === 'sqlite' ? 'SQLite' : 'memory'} store`,
        'p50 ms (min–max)',
        'p99 ms (min–max)',
        'max ms',
      ],
      w,
    ),
    row(
      [
        'paid commit → first attempt',
        spread(medianOf(e.latencyRuns.map((s) => s.p50)), ms),
        spread(p99, ms),
        ms(medianOf(e.latencyRuns.map((s) => s.max)).median),
      ],
      w,
    ),
    `  median of ${e.latencyRuns.length} runs of ${num(o.bills)} bills paid at ${num(o.rate)}/s; target (issue 11): p99 ≤ ${TARGETS.webhookP99Ms} ms ` +
      `${p99.median <= TARGETS.webhookP99Ms ? 'met' : 'MISSED'}`,
    `events dispatched per second      ${num(t.perSecond)} (a backlog of ${num(t.events)} pending events drained in ${num(t.seconds, 2)} s ` +
      `against a loopback receiver answering 204; ${t.concurrency} attempts in flight)`,
  ];
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
    lines.push(
      row(
        [
          NAMES[m.strategy],
          ...model.map((c) => num(c.requests)),
          real,
          `${model.map((c) => num(c.storeReads)).join(' / ')}${m.storeReads === expected.storeReads ? '' : ` (real ${s} s: ${num(m.storeReads, 1)})`}`,
        ],
        w,
      ),
    );
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
    `${num(a.rate)} notifications/s, ${a.clients} client processes; median of ${a.runs} runs per row (min–max); ratios to the limit row`,
    'srv µs/n = server CPU per notification, without the re-asks of idle waits (their cost is the background below)',
    '',
    ...latencyLines(r),
    '',
    ...segmentLines(r.latency),
    ...targetLines(r),
    '',
    ...memoryLines(r),
    '',
    ...idleLines(r),
    '',
    ...(r.auth ? [...authLines(r), ''] : []),
    ...requestLines(r),
    '',
    `server signing, ES256             ${num(r.crypto.signPerSecond)} signatures/s WebCrypto, ${num(r.crypto.nodeSignPerSecond)} node:crypto; ` +
      `${num(r.crypto.answersPerSecond)} signed answers/s through handle()`,
    `client verifySignedResult         ${num(r.crypto.verifyMicros)} µs per result`,
    ...(r.events ? ['', ...eventsLines(r.events)] : []),
  ].join('\n');
}
