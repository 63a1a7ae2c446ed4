import { isSteamOrderId } from './steam-order-id.js';

/** An order's status at Steam (Appendix A of the MicroTxn guide). */
export type SteamStatus =
  | 'Init'
  | 'Approved'
  | 'Succeeded'
  | 'Failed'
  | 'Refunded'
  | 'PartialRefund'
  | 'Chargedback'
  | 'RefundedSuspectedFraud'
  | 'RefundedFriendlyFraud';

const STATUSES: readonly string[] = [
  'Init',
  'Approved',
  'Succeeded',
  'Failed',
  'Refunded',
  'PartialRefund',
  'Chargedback',
  'RefundedSuspectedFraud',
  'RefundedFriendlyFraud',
];

/** What Steam says about one order (QueryTxn's `params`, or one of GetReport's `orders`), checked. */
export interface SteamOrderStatement {
  orderid: string;
  /**
   * Steam's own transaction id of the order (`transid`, a uint64 in decimal), given by InitTxn and shown by QueryTxn
   * and GetReport: the verdicts' and settlement lines' `channelTradeNo`. `undefined` when the answer lacks it.
   */
  transid: string | undefined;
  status: SteamStatus;
  currency: string;
  /** The sum of the items' `amount` (Steam: "total cost to user minus VAT", in cents) — what the order charged. */
  amount: number;
  /** The sum of the `amount` of items whose `itemstatus` is a refund: what a `PartialRefund` gave back. */
  refundedAmount: number;
  /** The time of its latest change (RFC 3339 UTC), GetReport's cursor. */
  time: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isAmount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

/**
 * Reads Steam's statement about an order, or answers why it cannot be read. Amounts are integers in the currency's
 * cents as Steam sends them; VAT (`vat`) is reported beside them and is not part of the charged amount compared with
 * the bill.
 */
export function readOrderStatement(value: unknown): SteamOrderStatement | string {
  if (!isRecord(value)) return 'the order is not an object';
  const { orderid, transid, status, currency, time, items } = value;
  if (!isSteamOrderId(orderid)) return `orderid ${JSON.stringify(orderid)} is not a 64-bit id`;
  if (typeof status !== 'string' || !STATUSES.includes(status)) return `status ${JSON.stringify(status)} is unknown`;
  if (typeof currency !== 'string' || !/^[A-Z]{3}$/.test(currency)) return 'currency is not an ISO 4217 code';
  if (!Array.isArray(items) || items.length === 0) return 'the order has no items';
  let amount = 0;
  let refundedAmount = 0;
  for (const item of items) {
    if (!isRecord(item) || !isAmount(item.amount)) return 'an item has no integer amount';
    amount += item.amount;
    if (typeof item.itemstatus === 'string' && item.itemstatus.startsWith('Refunded')) refundedAmount += item.amount;
  }
  return {
    orderid,
    transid: isSteamOrderId(transid) ? transid : undefined,
    status: status as SteamStatus,
    currency,
    amount,
    refundedAmount,
    time: typeof time === 'string' ? time : '',
  };
}
