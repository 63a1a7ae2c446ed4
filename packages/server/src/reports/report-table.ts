import type { ReportQuery } from './report-query.js';

/** A cell of a report: a dimension (text), a count or an amount in minor units, a rate, or reasons by count. */
export type ReportCell = string | number | Record<string, number>;

/** One report's answer: flat rows under named columns, so JSON and CSV carry the same figures. */
export interface ReportTable {
  /** The report's name, as in its path. */
  report: string;
  /** The range and zone the figures cover. */
  from: string;
  to: string;
  tz: string;
  /** The game, or `null` for every game. */
  app: string | null;
  /** The dimensions rows are grouped by. */
  groupBy: string[];
  /** Every column, dimensions first, in order. */
  columns: string[];
  rows: Record<string, ReportCell>[];
}

/** The heading of a table for `query`. */
export function tableHead(
  report: string,
  query: ReportQuery,
  groupBy: string[],
): Omit<ReportTable, 'columns' | 'rows'> {
  return { report, from: query.from, to: query.to, tz: query.tz, app: query.app ?? null, groupBy };
}

/**
 * Folds `items` into one row per distinct value of `dims`: `add` sums an item into its row (made by `make`).
 * Rows come out sorted by their dimensions, so an answer is stable.
 */
export function fold<Item, Row extends Record<string, ReportCell>>(
  items: readonly Item[],
  dims: readonly string[],
  dimsOf: (item: Item) => Record<string, string>,
  make: () => Row,
  add: (row: Row, item: Item) => void,
): Row[] {
  const rows = new Map<string, Row>();
  for (const item of items) {
    const all = dimsOf(item);
    const picked = Object.fromEntries(dims.map((dim) => [dim, all[dim] ?? '']));
    const key = JSON.stringify(dims.map((dim) => picked[dim]));
    let row = rows.get(key);
    if (!row) rows.set(key, (row = { ...picked, ...make() } as Row));
    add(row, item);
  }
  return [...rows.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
}

/** `part / whole` rounded to 4 decimals, or 0 when `whole` is 0. */
export function rate(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 10_000) / 10_000;
}
