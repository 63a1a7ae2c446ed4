import type { ReportWindow } from '../../reports/report-source.js';
import { DAY_MS } from '../../reports/time-zone.js';

/** A statement of the report queries and its `?` parameters, in the SQL both SQLite and PostgreSQL speak. */
export interface ReportStatement {
  sql: string;
  params: unknown[];
}

/**
 * `bills`, named with the index a statement is written for when `indexedBy` (SQLite's `INDEXED BY`): SQLite's planner,
 * after `ANALYZE`, may prefer another index on the same time column (a skip-scan of `(app_id, created_at)`) that does
 * not cover the statement. PostgreSQL has no such clause and needs none.
 */
function bills(index: string, indexedBy: boolean): string {
  return indexedBy ? `bills INDEXED BY ${index}` : 'bills';
}

function integer(value: number): string {
  if (!Number.isSafeInteger(value)) throw new RangeError(`not an integer: ${value}`);
  return String(value);
}

/**
 * The local day of `column` as SQL: `(t + offset) / 86400000` with the offset of the span `t` falls in. Only
 * integers the server computed are written into the statement (checked), never text from the request.
 */
export function localDaySql(column: string, window: ReportWindow): string {
  const spans = window.spans;
  const day = (offsetMs: number) => `(${column} + ${integer(offsetMs)}) / ${DAY_MS}`;
  if (spans.length <= 1) return day(spans[0]?.offsetMs ?? 0);
  const cases = spans.slice(0, -1).map((span) => `WHEN ${column} < ${integer(span.to)} THEN ${day(span.offsetMs)}`);
  return `CASE ${cases.join(' ')} ELSE ${day(spans.at(-1)!.offsetMs)} END`;
}

/** `column` in `[from, to)` and, for one game, `r_app = ?`. */
function where(column: string, window: ReportWindow, extra = ''): ReportStatement {
  const params: unknown[] = [window.from, window.to];
  let sql = `WHERE ${column} >= ? AND ${column} < ?${extra}`;
  if (window.app !== undefined) {
    sql += ' AND r_app = ?';
    params.push(window.app);
  }
  return { sql, params };
}

const MONEY_GROUP = 'r_app, r_channel, r_currency, r_country';

/** Money by local day of `time`, summing `amount` (an SQL expression over report columns). */
export function moneySql(
  time: string,
  amount: string,
  index: string,
  window: ReportWindow,
  indexedBy = false,
): ReportStatement {
  const day = localDaySql(time, window);
  const filter = where(time, window);
  return {
    sql:
      `SELECT ${day} AS day, r_app AS app, r_channel AS channel, r_currency AS currency, r_country AS country, ` +
      `COUNT(*) AS count, SUM(${amount}) AS amount FROM ${bills(index, indexedBy)} ${filter.sql} GROUP BY 1, ${MONEY_GROUP}`,
    params: filter.params,
  };
}

/** The money statements of {@link ReportSource.paid}, `refunded` and `chargedBack`. */
export const MONEY = {
  paid: ['r_paid_at', 'r_amount', 'bills_report_paid'],
  refunded: ['r_refunded_at', 'r_refunded_amount', 'bills_report_refunded'],
  chargedBack: ['r_charged_back_at', 'r_amount - COALESCE(r_refunded_amount, 0)', 'bills_report_charged_back'],
} as const;

/** Bills by local day of `created_at`, state and failure reason, with the milestones they reached. */
export function funnelSql(window: ReportWindow, indexedBy = false): ReportStatement {
  const filter = where('created_at', window);
  return {
    sql:
      `SELECT ${localDaySql('created_at', window)} AS day, r_app AS app, r_channel AS channel, state, ` +
      `CASE WHEN state = 'failed' THEN r_failure_reason ELSE '' END AS reason, COUNT(*) AS created, ` +
      'COUNT(r_launched_at) AS launched, COUNT(r_paid_at) AS paid, COUNT(r_delivered_at) AS delivered ' +
      `FROM ${bills('bills_report_created', indexedBy)} ${filter.sql} GROUP BY 1, r_app, r_channel, state, 5`,
    params: filter.params,
  };
}

/** Paying players by game and currency, then by game alone (currency `''`, gross 0). */
export function payersSql(window: ReportWindow, indexedBy = false): ReportStatement {
  const filter = where('r_paid_at', window);
  const select = (currency: string, gross: string, group: string) =>
    `SELECT r_app AS app, ${currency} AS currency, COUNT(DISTINCT user_id) AS payers, COUNT(*) AS bills, ` +
    `${gross} AS gross FROM ${bills('bills_report_paid', indexedBy)} ${filter.sql} GROUP BY ${group}`;
  return {
    sql: `${select('r_currency', 'SUM(r_amount)', 'r_app, r_currency')} UNION ALL ${select("''", '0', 'r_app')}`,
    params: [...filter.params, ...filter.params],
  };
}

/** Bills paid in the window by channel and currency, with their refunds and chargebacks since. */
export function reversalsSql(window: ReportWindow, indexedBy = false): ReportStatement {
  const filter = where('r_paid_at', window);
  return {
    sql:
      'SELECT r_app AS app, r_channel AS channel, r_currency AS currency, COUNT(*) AS paid, ' +
      'SUM(r_amount) AS "paidAmount", COUNT(r_refunded_at) AS refunded, ' +
      'COALESCE(SUM(CASE WHEN r_refunded_at IS NOT NULL THEN r_refunded_amount END), 0) AS "refundedAmount", ' +
      'COUNT(r_charged_back_at) AS "chargedBack", COALESCE(SUM(CASE WHEN r_charged_back_at IS NOT NULL ' +
      'THEN r_amount - COALESCE(r_refunded_amount, 0) END), 0) AS "chargedBackAmount" ' +
      `FROM ${bills('bills_report_paid', indexedBy)} ${filter.sql} GROUP BY r_app, r_channel, r_currency`,
    params: filter.params,
  };
}

/** Bills still `paid` since before `paidBefore` (on the partial index of `paid` bills): the page, then the count. */
export function undeliveredSql(paidBefore: number, app: string | undefined, limit: number): ReportStatement[] {
  const filter = `WHERE state = 'paid' AND r_paid_at < ?${app === undefined ? '' : ' AND r_app = ?'}`;
  const params = app === undefined ? [paidBefore] : [paidBefore, app];
  return [
    { sql: `SELECT bill FROM bills ${filter} ORDER BY r_paid_at, id LIMIT ?`, params: [...params, limit] },
    { sql: `SELECT COUNT(*) AS total FROM bills ${filter}`, params },
  ];
}
