import { toCsv } from '../reports/report-csv.js';
import type { ReportCell } from '../reports/report-table.js';
import type { ReconciliationItem, ReconciliationRun } from './reconciliation-types.js';

/** The item columns of the CSV export, in order (the lines themselves stay in the JSON answer). */
export const ITEM_COLUMNS = [
  'kind',
  'billId',
  'channelTradeNo',
  'billState',
  'billAmount',
  'billCurrency',
  'channelPaid',
  'channelRefunded',
  'channelChargedBack',
  'channelCurrency',
  'detail',
] as const;

/** A run's items as RFC 4180 CSV through the reports' writer (same quoting and formula guard). */
export function reconciliationCsv(run: ReconciliationRun, items: readonly ReconciliationItem[]): string {
  const rows = items.map((item) =>
    Object.fromEntries(ITEM_COLUMNS.map((column) => [column, (item[column] ?? '') as ReportCell])),
  );
  return toCsv({
    report: 'reconciliation',
    from: run.date,
    to: run.date,
    tz: run.timeZone,
    app: run.appId,
    groupBy: [],
    columns: [...ITEM_COLUMNS],
    rows,
  });
}
