import type { ReportQuery } from './report-query.js';
import { chooseGroupBy } from './report-query.js';
import type { FunnelRow, ReportSource } from './report-source.js';
import { fold, rate, type ReportTable, tableHead } from './report-table.js';
import { dayLabel } from './time-zone.js';

const DIMS = ['day', 'app', 'channel'] as const;

/**
 * `funnel`: bills created in the range (by `createdAt`), how many were launched, paid and delivered since, and how the
 * rest ended — failed (by failure reason), cancelled, expired, or still open. Per channel unless `groupBy` says.
 */
export async function funnelReport(source: ReportSource, query: ReportQuery): Promise<ReportTable> {
  const groupBy = chooseGroupBy(query, DIMS, ['channel']);
  const rows = fold(
    await source.funnel(query.window),
    groupBy,
    (r: FunnelRow) => ({ day: dayLabel(r.day), app: r.app, channel: r.channel }),
    () => ({
      created: 0,
      launched: 0,
      paid: 0,
      delivered: 0,
      paidRate: 0,
      open: 0,
      failed: 0,
      cancelled: 0,
      expired: 0,
      failureReasons: {} as Record<string, number>,
    }),
    (row, r) => {
      row.created += r.created;
      row.launched += r.launched;
      row.paid += r.paid;
      row.delivered += r.delivered;
      row.paidRate = rate(row.paid, row.created);
      // A bill paid late after it expired or was cancelled is in state paid now: it counts as paid only.
      if (r.state === 'created') row.open += r.created;
      if (r.state === 'cancelled') row.cancelled += r.created;
      if (r.state === 'expired') row.expired += r.created;
      if (r.state === 'failed') {
        row.failed += r.created;
        const reason = r.reason || 'unknown';
        row.failureReasons[reason] = (row.failureReasons[reason] ?? 0) + r.created;
      }
    },
  );
  const columns = [
    ...groupBy,
    'created',
    'launched',
    'paid',
    'delivered',
    'paidRate',
    'open',
    'failed',
    'cancelled',
    'expired',
    'failureReasons',
  ];
  return { ...tableHead('funnel', query, groupBy), columns, rows };
}
