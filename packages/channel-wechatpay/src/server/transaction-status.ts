import type { ChannelPending, ChannelRefusal, ChannelVerdict } from '@coinslot/server';
import { billIdOf } from './out-trade-no.js';
import { transactionIdOf } from './transaction-id.js';

/** What a transaction (a query's answer or a payment notification's decrypted resource) says about a bill. */
export type TransactionStatus = ChannelVerdict | ChannelPending | ChannelRefusal;

/** Who the transaction must belong to. */
export interface TransactionOwner {
  mchid: string;
  appid: string;
}

/**
 * `trade_state` in the protocol's terms. `REFUND` (转入退款) means the order was paid and then refunded: the payment
 * stands, and the refund arrives as its own notification. `PAYERROR` is a failed payment (the bank refused);
 * `CLOSED` an order closed unpaid (by the merchant, or on its `time_expire`); `REVOKED` a revoked one.
 * `NOTPAY` and `USERPAYING` are not final.
 */
const STATES: Record<string, ChannelVerdict['transition'] | 'pending'> = {
  SUCCESS: 'paid',
  REFUND: 'paid',
  PAYERROR: 'failed',
  CLOSED: 'cancelled',
  REVOKED: 'cancelled',
  NOTPAY: 'pending',
  USERPAYING: 'pending',
};

const refuse = (reason: string): ChannelRefusal => ({ refused: true, reason });

/**
 * Map a WeChat Pay transaction object (already verified: signed answer, or decrypted notification) to a verdict,
 * `pending`, or a refusal. The amount is what WeChat Pay states (`amount.total`, fen, and `amount.currency`); the pay
 * server compares it with the bill before any change. An unpaid order's answer need not state an amount: a
 * cancellation or a failure then names `unpaid` (the bill's own amount: no money moved, nothing to compare). The
 * verdict's `channelTradeNo` is the transaction's `transaction_id`, when it has one.
 */
export function transactionStatus(
  value: unknown,
  owner: TransactionOwner,
  unpaid?: { amount: number; currency: string },
): TransactionStatus {
  if (typeof value !== 'object' || value === null) return refuse('the transaction is not an object');
  const tx = value as Record<string, unknown>;
  if (tx.mchid !== owner.mchid) return refuse('the transaction belongs to another mchid');
  if (tx.appid !== undefined && tx.appid !== owner.appid) return refuse('the transaction belongs to another appid');
  const billId = billIdOf(tx.out_trade_no);
  if (billId === undefined) return refuse('out_trade_no is missing or malformed');
  const state = typeof tx.trade_state === 'string' ? tx.trade_state : '';
  const transition = Object.hasOwn(STATES, state) ? STATES[state] : undefined;
  if (transition === undefined) return refuse(`unknown trade_state ${JSON.stringify(state.slice(0, 32))}`);
  if (transition === 'pending') return { pending: true, reason: state };
  const amount = (tx.amount ?? {}) as { total?: unknown; currency?: unknown };
  const stated = Number.isSafeInteger(amount.total) && typeof amount.currency === 'string';
  if (!stated && (transition === 'paid' || unpaid === undefined))
    return refuse('amount.total and amount.currency are missing or malformed');
  const total = stated ? (amount.total as number) : unpaid!.amount;
  const currency = stated ? (amount.currency as string) : unpaid!.currency;
  return {
    billId,
    transition,
    ...(transition === 'failed' ? { reason: 'declined' } : {}),
    amount: total,
    currency: currency.toUpperCase(),
    ...transactionIdOf(tx.transaction_id),
  };
}
