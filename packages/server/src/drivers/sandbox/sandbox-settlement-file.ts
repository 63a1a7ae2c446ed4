import { dayOfLabel, isTimeZone, startOfLocalDay } from '../../reports/time-zone.js';
import type { SettlementDay, SettlementRecord } from '../settlement.js';

/** The sandbox settlement file's columns, in order (docs/reconciliation.md, "Sandbox"). */
export const SANDBOX_SETTLEMENT_COLUMNS = ['sandbox_trade_no', 'bill_id', 'type', 'amount', 'currency', 'occurred_at'];

const KINDS = new Set(['payment', 'refund', 'chargeback']);

/** `[from, to)` of a settlement day; throws for a date or zone that is not real. */
export function settlementWindowOf(day: SettlementDay): { from: number; to: number } {
  const n = dayOfLabel(day.date);
  if (n === undefined || !isTimeZone(day.timeZone))
    throw new RangeError(`not a settlement day: ${day.date} ${day.timeZone}`);
  return { from: startOfLocalDay(day.timeZone, n), to: startOfLocalDay(day.timeZone, n + 1) };
}

/** The lines as the sandbox's own CSV: its header, then one line per record (CRLF, no field needs quoting). */
export function sandboxSettlementCsv(lines: readonly SettlementRecord[]): string {
  const rows = lines.map((line) => SANDBOX_SETTLEMENT_COLUMNS.map((column) => line.raw[column] ?? '').join(','));
  return `${[SANDBOX_SETTLEMENT_COLUMNS.join(','), ...rows].join('\r\n')}\r\n`;
}

/**
 * Parses the sandbox's settlement CSV: the header {@link SANDBOX_SETTLEMENT_COLUMNS}, then lines of plain fields
 * (no quoting: no field may hold a comma). Throws, naming the line, at the first one that does not fit.
 */
export function parseSandboxSettlement(bytes: Uint8Array, channel: string): SettlementRecord[] {
  const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  const [header, ...rows] = text.split(/\r?\n/).filter((row) => row.trim() !== '');
  if (header?.trim() !== SANDBOX_SETTLEMENT_COLUMNS.join(',')) {
    throw new Error(`the header must be ${SANDBOX_SETTLEMENT_COLUMNS.join(',')}`);
  }
  return rows.map((row, index) => {
    const fields = row.split(',');
    const raw = Object.fromEntries(SANDBOX_SETTLEMENT_COLUMNS.map((column, i) => [column, fields[i]?.trim() ?? '']));
    const amount = Number(raw.amount);
    const occurredAt = Date.parse(raw.occurred_at!);
    const fits =
      fields.length === SANDBOX_SETTLEMENT_COLUMNS.length &&
      KINDS.has(raw.type!) &&
      Number.isSafeInteger(amount) &&
      amount > 0 &&
      /^[A-Z]{3}$/.test(raw.currency!) &&
      !Number.isNaN(occurredAt);
    if (!fits) throw new Error(`line ${index + 2} does not fit the sandbox settlement format`);
    return {
      channel,
      billId: raw.bill_id || undefined,
      channelTradeNo: raw.sandbox_trade_no || undefined,
      kind: raw.type as SettlementRecord['kind'],
      amount,
      currency: raw.currency!,
      occurredAt,
      raw,
    };
  });
}
