import { ProtocolError } from '../http/protocol-error.js';
import type { ReportQuery } from './report-query.js';
import { appOf, type ReportSource } from './report-source.js';
import { type ReportTable, tableHead } from './report-table.js';

/** The most bills one answer lists (`total` still counts all). */
export const UNDELIVERED_LIMIT = 1000;

/** `olderThan`: `90s`, `30m`, `6h`, `2d` (default `1h`), in ms; 1 s to 400 days. */
export function parseOlderThan(value: string | null): number {
  if (value === null) return 3_600_000;
  const match = /^(\d{1,6})([smhd])$/.exec(value);
  const unit = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[match?.[2] ?? 's'] ?? 1000;
  const ms = match ? Number(match[1]) * unit : Number.NaN;
  if (!(ms >= 1000 && ms <= 400 * 86_400_000)) {
    throw new ProtocolError('INVALID_FIELD', 'olderThan must be a duration such as 30m, 6h or 2d (1s to 400d)', {
      field: 'olderThan',
    });
  }
  return ms;
}

/**
 * `undelivered`: bills paid and still not delivered `olderThan` after their payment (now, whatever `from`/`to` say),
 * oldest first, at most {@link UNDELIVERED_LIMIT}; `total` counts them all.
 */
export async function undeliveredReport(
  source: ReportSource,
  query: ReportQuery,
  url: URL,
  now: number,
): Promise<ReportTable & { olderThan: string; total: number }> {
  const olderThanMs = parseOlderThan(url.searchParams.get('olderThan'));
  const page = await source.undelivered(now - olderThanMs, query.app, UNDELIVERED_LIMIT);
  const rows = page.bills.map((bill) => ({
    id: bill.id,
    app: appOf(bill),
    channel: bill.channel,
    userId: bill.userId,
    itemId: bill.itemId,
    amount: bill.amount,
    currency: bill.currency,
    paidAt: new Date(bill.paidAt!).toISOString(),
    waitingMinutes: Math.floor((now - bill.paidAt!) / 60_000),
  }));
  const columns = ['id', 'app', 'channel', 'userId', 'itemId', 'amount', 'currency', 'paidAt', 'waitingMinutes'];
  const olderThan = url.searchParams.get('olderThan') ?? '1h';
  return { ...tableHead('undelivered', query, []), olderThan, total: page.total, columns, rows };
}
