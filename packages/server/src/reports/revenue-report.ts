import type { ReportQuery } from './report-query.js';
import { chooseGroupBy } from './report-query.js';
import type { MoneyRow, ReportSource } from './report-source.js';
import { fold, type ReportTable, tableHead } from './report-table.js';
import { dayLabel } from './time-zone.js';

const DIMS = ['day', 'app', 'channel', 'currency', 'country'] as const;

type Movement = MoneyRow & { kind: 'gross' | 'refunds' | 'chargebacks' };

/**
 * `revenue`: per local day (and channel, currency, country unless `groupBy` says otherwise) the gross paid, the
 * refunds and chargebacks, and net = gross − refunds − chargebacks, in minor units. Rows always split by currency.
 */
export async function revenueReport(source: ReportSource, query: ReportQuery): Promise<ReportTable> {
  const groupBy = chooseGroupBy(query, DIMS, ['day', 'channel', 'currency', 'country'], ['currency']);
  const [paid, refunded, chargedBack] = await Promise.all([
    source.paid(query.window),
    source.refunded(query.window),
    source.chargedBack(query.window),
  ]);
  const movements: Movement[] = [
    ...paid.map((row) => ({ ...row, kind: 'gross' as const })),
    ...refunded.map((row) => ({ ...row, kind: 'refunds' as const })),
    ...chargedBack.map((row) => ({ ...row, kind: 'chargebacks' as const })),
  ];
  const rows = fold(
    movements,
    groupBy,
    (m) => ({ day: dayLabel(m.day), app: m.app, channel: m.channel, currency: m.currency, country: m.country }),
    () => ({ payments: 0, gross: 0, refundCount: 0, refunds: 0, chargebackCount: 0, chargebacks: 0, net: 0 }),
    (row, m) => {
      if (m.kind === 'gross') {
        row.payments += m.count;
        row.gross += m.amount;
        row.net += m.amount;
      } else {
        row[m.kind === 'refunds' ? 'refundCount' : 'chargebackCount'] += m.count;
        row[m.kind] += m.amount;
        row.net -= m.amount;
      }
    },
  );
  const columns = [...groupBy, 'payments', 'gross', 'refundCount', 'refunds', 'chargebackCount', 'chargebacks', 'net'];
  return { ...tableHead('revenue', query, groupBy), columns, rows };
}
