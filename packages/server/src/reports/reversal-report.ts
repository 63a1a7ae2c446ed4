import type { ReportQuery } from './report-query.js';
import { chooseGroupBy } from './report-query.js';
import type { ReportSource, ReversalRow } from './report-source.js';
import { fold, rate, type ReportTable, tableHead } from './report-table.js';

/**
 * `reversals`: of the bills paid in the range, per channel and currency, how many were refunded and charged back
 * since, and the rates by count and by amount (0–1, 4 decimals). A bill refunded in part and then charged back counts
 * in both (its chargeback is what the refund left).
 */
export async function reversalReport(source: ReportSource, query: ReportQuery): Promise<ReportTable> {
  const groupBy = chooseGroupBy(query, ['app', 'channel', 'currency'], ['channel', 'currency'], ['currency']);
  const rows = fold(
    await source.reversals(query.window),
    groupBy,
    (r: ReversalRow) => ({ app: r.app, channel: r.channel, currency: r.currency }),
    () => ({
      paid: 0,
      paidAmount: 0,
      refunded: 0,
      refundedAmount: 0,
      chargedBack: 0,
      chargedBackAmount: 0,
      refundRate: 0,
      chargebackRate: 0,
      refundAmountRate: 0,
      chargebackAmountRate: 0,
    }),
    (row, r) => {
      row.paid += r.paid;
      row.paidAmount += r.paidAmount;
      row.refunded += r.refunded;
      row.refundedAmount += r.refundedAmount;
      row.chargedBack += r.chargedBack;
      row.chargedBackAmount += r.chargedBackAmount;
      row.refundRate = rate(row.refunded, row.paid);
      row.chargebackRate = rate(row.chargedBack, row.paid);
      row.refundAmountRate = rate(row.refundedAmount, row.paidAmount);
      row.chargebackAmountRate = rate(row.chargedBackAmount, row.paidAmount);
    },
  );
  const columns = [
    ...groupBy,
    'paid',
    'paidAmount',
    'refunded',
    'refundedAmount',
    'chargedBack',
    'chargedBackAmount',
    'refundRate',
    'chargebackRate',
    'refundAmountRate',
    'chargebackAmountRate',
  ];
  return { ...tableHead('reversals', query, groupBy), columns, rows };
}
