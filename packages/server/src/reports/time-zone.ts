/**
 * Local days of an IANA time zone as UTC instants, from the runtime's own tz database (Intl). A report buckets a
 * time `t` into the local day `floor((t + offset) / DAY_MS)`, with the offset of the span `t` falls in; a range has
 * few spans (one per DST change), so the same arithmetic runs in SQL as a short CASE and in memory as a loop.
 */

/** One day in ms. */
export const DAY_MS = 86_400_000;

/** A stretch of time with one UTC offset: `[from, to)` (ms since epoch), local time = UTC + `offsetMs`. */
export interface OffsetSpan {
  from: number;
  to: number;
  offsetMs: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let found = formatters.get(timeZone);
  if (!found) {
    found = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
    formatters.set(timeZone, found);
  }
  return found;
}

/** Whether the runtime knows `timeZone` (an IANA name such as `Asia/Kathmandu`, or `UTC`). */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The zone's UTC offset at `t`, in ms (`GMT+05:45` → 20 700 000). */
export function offsetAt(timeZone: string, t: number): number {
  const name = formatter(timeZone)
    .formatToParts(t)
    .find((part) => part.type === 'timeZoneName')?.value;
  const match = /^GMT(?:([+-])(\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(name ?? '');
  if (!match) throw new RangeError(`cannot read the UTC offset of ${timeZone} (${name})`);
  if (!match[1]) return 0;
  const ms = (Number(match[2]) * 3600 + Number(match[3]) * 60 + Number(match[4] ?? 0)) * 1000;
  return match[1] === '-' ? -ms : ms;
}

/** The local day number (days since 1970-01-01 in local time) of `t`. */
export function localDayOf(timeZone: string, t: number): number {
  return Math.floor((t + offsetAt(timeZone, t)) / DAY_MS);
}

/** The first instant `t` in `[low, high]` for which `test(t)` holds, when `test` is false then true over it. */
function firstWhere(low: number, high: number, test: (t: number) => boolean): number {
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (test(middle)) high = middle;
    else low = middle + 1;
  }
  return low;
}

/** The first instant of local day `day` (its midnight, or the first moment after a DST gap that swallowed it). */
export function startOfLocalDay(timeZone: string, day: number): number {
  const guess = day * DAY_MS;
  // No zone is more than 26 hours from UTC: the start lies within a day and a half of local-midnight-as-UTC.
  return firstWhere(guess - 1.5 * DAY_MS, guess + 1.5 * DAY_MS, (t) => localDayOf(timeZone, t) >= day);
}

/** The spans of one offset covering `[from, to)`: each change is found by probing once a day, then halving. */
export function offsetSpans(timeZone: string, from: number, to: number): OffsetSpan[] {
  const spans: OffsetSpan[] = [];
  let start = from;
  let offsetMs = offsetAt(timeZone, from);
  // Zones change their offset a few times a year at most, never twice within a day.
  for (let probe = from; probe < to - 1; ) {
    const next = Math.min(probe + DAY_MS, to - 1);
    if (offsetAt(timeZone, next) === offsetMs) {
      probe = next;
      continue;
    }
    const change = firstWhere(probe, next, (t) => offsetAt(timeZone, t) !== offsetMs);
    spans.push({ from: start, to: change, offsetMs });
    start = change;
    offsetMs = offsetAt(timeZone, change);
    probe = change;
  }
  spans.push({ from: start, to, offsetMs });
  return spans;
}

/** The local day of `t` by `spans` (no Intl call: the loop a store runs per bill). */
export function dayBySpans(spans: readonly OffsetSpan[], t: number): number {
  let offset = spans[0]?.offsetMs ?? 0;
  for (const span of spans) {
    offset = span.offsetMs;
    if (t < span.to) break;
  }
  return Math.floor((t + offset) / DAY_MS);
}

/** `YYYY-MM-DD` of a local day number. */
export function dayLabel(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The local day number of `YYYY-MM-DD`, or `undefined` when it is not a real date. */
export function dayOfLabel(label: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(label)) return undefined;
  const t = Date.parse(`${label}T00:00:00Z`);
  if (Number.isNaN(t) || dayLabel(t / DAY_MS) !== label) return undefined;
  return t / DAY_MS;
}
