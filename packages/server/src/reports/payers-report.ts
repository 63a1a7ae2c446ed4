import type { ReportQuery } from './report-query.js';
import { chooseGroupBy } from './report-query.js';
import type { PayerRow, ReportSource } from './report-source.js';
import { fold, type ReportTable, tableHead } from './report-table.js';

/**
 * `payers`: paying players (distinct players with a bill paid in the range; a player of two games counts twice),
 * their bills and gross per currency, and the average revenue per paying player in that currency (gross ÷ players who
 * paid in it, rounded to the minor unit). The row with currency `*` counts players in any currency (no money column:
 * sums never mix currencies). Per currency unless `groupBy=app,currency`.
 */
export async function payersReport(source: ReportSource, query: ReportQuery): Promise<ReportTable> {
  const groupBy = chooseGroupBy(query, ['app', 'currency'], ['currency'], ['currency']);
  const rows = fold(
    await source.payers(query.window),
    groupBy,
    (r: PayerRow) => ({ app: r.app, currency: r.currency === '' ? '*' : r.currency }),
    () => ({ payingPlayers: 0, bills: 0, gross: 0, averagePerPayingPlayer: 0 }),
    (row, r) => {
      row.payingPlayers += r.payers;
      row.bills += r.bills;
      row.gross += r.gross;
      row.averagePerPayingPlayer = r.currency === '' ? 0 : Math.round(row.gross / row.payingPlayers);
    },
  );
  const columns = [...groupBy, 'payingPlayers', 'bills', 'gross', 'averagePerPayingPlayer'];
  return { ...tableHead('payers', query, groupBy), columns, rows };
}
