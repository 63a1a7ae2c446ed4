// @ts-check
import { MARKS } from '../phases/held-wait-segments.mjs';

const NAMES = { coinslot: 'dev', 'coinslot-auth': 'auth' };
const WIDTHS = [70, 8, 8, 8];

/** @param {number} n */
const ms = (n) => (Number.isFinite(n) ? n.toFixed(n < 10 ? 3 : n < 100 ? 2 : 1) : '—');
/** @param {number} n */
const count = (n) => n.toLocaleString('en-US');
/** @param {(string | number)[]} cells */
const row = (cells) =>
  cells.map((c, i) => (i === 0 ? String(c).padEnd(WIDTHS[i] ?? 0) : String(c).padStart(WIDTHS[i] ?? 0))).join(' ');

/**
 * The `--segments` tables: per held-wait row that measured them, where the notify → verified result latency goes —
 * p50, p90 and p99 of each segment, pooled over the row's windows. Nothing for a run without `--segments`.
 * @param {import('../phases/latency-phase.mjs').LatencyResult[]} latency
 * @returns {string[]} lines
 */
export function segmentLines(latency) {
  const lines = [];
  for (const l of latency) {
    const s = l.segments;
    if (!s) continue;
    const name = NAMES[/** @type {keyof typeof NAMES} */ (l.strategy)] ?? l.strategy;
    const title = `where the held wait's latency goes (--segments), ${name}, ${count(l.waits)} waits`;
    lines.push(row([title, 'p50 ms', 'p90 ms', 'p99 ms']));
    s.segments.forEach((f, i) => {
      const label = i === 0 ? `  ${MARKS[0]?.label} → ${f.label}` : `  → ${f.label}`;
      lines.push(row([label, ms(f.p50), ms(f.p90), ms(f.p99)]));
    });
    lines.push(row(['  total (notifier write → t1)', ms(s.total.p50), ms(s.total.p90), ms(s.total.p99)]));
    const marked = Math.min(...s.segments.map((f) => f.count));
    lines.push(
      `  each segment's own percentiles over ${count(s.waits)} notified waits of ${s.windows} windows pooled ` +
        `(${count(marked)} with every mark), so they need not add up to the total's; ` +
        `${count(s.matchedAmongSeveral)} notifications tied to their bill among several in progress`,
      '',
    );
  }
  return lines;
}
