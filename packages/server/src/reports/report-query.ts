import { ProtocolError } from '../http/protocol-error.js';
import type { ReportWindow } from './report-source.js';
import { dayLabel, dayOfLabel, isTimeZone, localDayOf, offsetSpans, startOfLocalDay } from './time-zone.js';

/** The longest range a report covers, in days (ten years): it bounds the answer's size. */
export const MAX_REPORT_DAYS = 3660;

/** The parameters every report takes (docs/reports.md), checked. */
export interface ReportQuery {
  /** The first local day, `YYYY-MM-DD`. */
  from: string;
  /** The last local day, `YYYY-MM-DD` (included). */
  to: string;
  /** The IANA time zone days are counted in. */
  tz: string;
  /** One game, or `undefined` for every game. */
  app: string | undefined;
  /** The requested grouping (each report checks it against its own dimensions). */
  groupBy: string[] | undefined;
  /** What the store reads: `[from 00:00, the day after to 00:00)` in `tz`. */
  window: ReportWindow;
}

const APP_ID = /^[A-Za-z0-9_-]{1,64}$/;

function invalid(field: string, message: string): ProtocolError {
  return new ProtocolError('INVALID_FIELD', `${field} ${message}`, { field });
}

function day(url: URL, field: string, fallback: number): number {
  const value = url.searchParams.get(field);
  if (value === null) return fallback;
  const parsed = dayOfLabel(value);
  if (parsed === undefined) throw invalid(field, 'must be a date YYYY-MM-DD');
  return parsed;
}

/**
 * Reads `from`, `to` (local dates, both included; default the 30 days up to today), `tz` (default `UTC`), `app` and
 * `groupBy` (comma-separated) from a report's URL; a bad value answers `400 INVALID_FIELD` naming it.
 */
export function parseReportQuery(url: URL, now: number): ReportQuery {
  const tz = url.searchParams.get('tz') ?? 'UTC';
  if (tz.length > 64 || !isTimeZone(tz)) throw invalid('tz', 'must be an IANA time zone such as Europe/Berlin');
  const toDay = day(url, 'to', localDayOf(tz, now));
  const fromDay = day(url, 'from', toDay - 29);
  if (fromDay > toDay) throw invalid('from', 'must not be after to');
  if (toDay - fromDay + 1 > MAX_REPORT_DAYS) throw invalid('from', `must be at most ${MAX_REPORT_DAYS} days before to`);
  const app = url.searchParams.get('app') ?? undefined;
  if (app !== undefined && !APP_ID.test(app)) throw invalid('app', 'must be an app id (1–64 of A–Z a–z 0–9 _ -)');
  const groupByText = url.searchParams.get('groupBy');
  const groupBy = groupByText === null ? undefined : groupByText.split(',').filter((name) => name !== '');
  const from = startOfLocalDay(tz, fromDay);
  const to = startOfLocalDay(tz, toDay + 1);
  const window: ReportWindow = { from, to, spans: offsetSpans(tz, from, to) };
  if (app !== undefined) window.app = app;
  return { from: dayLabel(fromDay), to: dayLabel(toDay), tz, app, groupBy, window };
}

/** The dimensions of `groupBy` when each is one of `allowed` (`required` ones are always added), else `fallback`. */
export function chooseGroupBy(
  query: ReportQuery,
  allowed: readonly string[],
  fallback: readonly string[],
  required: readonly string[] = [],
): string[] {
  const chosen = query.groupBy ?? fallback;
  for (const name of chosen) {
    if (!allowed.includes(name)) throw invalid('groupBy', `may name ${allowed.join(', ')}`);
  }
  return allowed.filter((name) => chosen.includes(name) || required.includes(name));
}
