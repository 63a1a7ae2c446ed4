import type { SettlementRecord } from '@coinslot/server';
import { readOrderStatement } from './steam-order-statement.js';

const RFC3339_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** One GetReport order's fields as text, for display and export (the items as JSON). */
function rawOf(order: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(order).map(([key, value]) => [key, typeof value === 'string' ? value : JSON.stringify(value)]),
  );
}

/**
 * The settlement lines of one GetReport order, which shows the order's latest state at `time` (UTC):
 * `Succeeded` → a payment at `time` (the capture); a reversed order → its payment at `timecreated` (Steam captures it
 * right after the player authorizes) and its reversal at `time` — `Chargedback` a chargeback of the whole, `Refunded`
 * and Valve's fraud refunds a refund of the whole, `PartialRefund` a refund of its refunded items. `Init`, `Approved`
 * and `Failed` moved no money: none. Amounts are the items' `amount` (cents, VAT beside them, not in them).
 * `billId` is what the caller knows of the order (Steam's report names orders, not bills); `channelTradeNo` is
 * Steam's `transid`, the number the driver's verdicts carry too (the `orderid` is Coinslot's, derived from the bill).
 * @throws Error when the order cannot be read
 */
export function steamReportLines(order: unknown, billId: string | undefined): SettlementRecord[] {
  const statement = readOrderStatement(order);
  if (typeof statement === 'string') throw new Error(statement);
  const raw = rawOf(order as Record<string, unknown>);
  const at = (text: string | undefined, what: string) => {
    if (text === undefined || !RFC3339_UTC.test(text) || Number.isNaN(Date.parse(text)))
      throw new Error(`order ${statement.orderid}: ${what} is not RFC 3339 UTC`);
    return Date.parse(text);
  };
  const line = (kind: SettlementRecord['kind'], amount: number, occurredAt: number): SettlementRecord => ({
    channel: 'steam',
    billId,
    channelTradeNo: statement.transid,
    kind,
    amount,
    currency: statement.currency,
    occurredAt,
    raw,
  });
  const { status, amount, refundedAmount } = statement;
  if (status === 'Succeeded') return [line('payment', amount, at(statement.time, 'time'))];
  if (status === 'Init' || status === 'Approved' || status === 'Failed') return [];
  const paid = line('payment', amount, at(raw.timecreated, 'timecreated'));
  const when = at(statement.time, 'time');
  if (status === 'Chargedback') return [paid, line('chargeback', amount, when)];
  return [paid, line('refund', status === 'PartialRefund' ? refundedAmount : amount, when)];
}

/** The `orders` of a GetReport answer body (`{ response: { result: 'OK', params: { orders } } }`). */
export function reportOrders(body: unknown): unknown[] {
  const response = isRecord(body) ? body.response : undefined;
  const params = isRecord(response) ? response.params : undefined;
  if (!isRecord(response) || response.result !== 'OK' || !isRecord(params) || !Array.isArray(params.orders))
    throw new Error('not a GetReport answer: { response: { result: "OK", params: { orders: [...] } } }');
  return params.orders;
}
