import type { ChannelPending, ChannelReversal, ChannelVerdict } from '@coinslot/server';
import type { SteamOrderStatement, SteamStatus } from './steam-order-statement.js';

/** Steam's reversed statuses and the reason each one gives the bill (`reversalReason`). */
const REVERSAL_REASONS: Partial<Record<SteamStatus, string>> = {
  Refunded: 'refunded',
  PartialRefund: 'partial_refund',
  RefundedSuspectedFraud: 'suspected_fraud',
  RefundedFriendlyFraud: 'friendly_fraud',
  Chargedback: 'chargeback',
};

/** Whether Steam reversed the order's payment in some way (a refund, a fraud refund, a chargeback). */
export function isReversed(status: SteamStatus): boolean {
  return REVERSAL_REASONS[status] !== undefined;
}

/** The order's `transid` as a verdict's `channelTradeNo` (Steam's id of the payment, also on GetReport's lines). */
export const tradeNoOf = (order: SteamOrderStatement): { channelTradeNo?: string } =>
  order.transid === undefined ? {} : { channelTradeNo: order.transid };

/**
 * What an order's status says about the bill's payment: paid once Steam captured it (`Succeeded`, or any reversed
 * status — the payment happened before it was reversed, and the reversal is reported on its own), failed when Steam
 * refused it, pending while it is not authorized (`Init`) or authorized but not captured (`Approved`).
 */
export function paymentOutcome(billId: string, order: SteamOrderStatement): ChannelVerdict | ChannelPending {
  const charged = { billId, amount: order.amount, currency: order.currency, ...tradeNoOf(order) };
  if (order.status === 'Succeeded' || isReversed(order.status)) return { ...charged, transition: 'paid' };
  if (order.status === 'Failed') return { ...charged, transition: 'failed', reason: 'declined' };
  return { pending: true, reason: `Steam order ${order.orderid} is ${order.status}` };
}

/**
 * The reversal Steam shows on an order, if any: `Chargedback` → `charged_back`; `Refunded` and Valve's fraud refunds
 * (`RefundedSuspectedFraud`, `RefundedFriendlyFraud`) → `refunded` in whole; `PartialRefund` → `refunded` with the
 * refunded items' total. Amount, currency and `transid` are the original charge's, as the protocol wants.
 */
export function reversalOf(billId: string, order: SteamOrderStatement): ChannelReversal | undefined {
  const reason = REVERSAL_REASONS[order.status];
  if (reason === undefined) return undefined;
  const charge = { billId, amount: order.amount, currency: order.currency, reason, ...tradeNoOf(order) };
  if (order.status === 'Chargedback') return { ...charge, transition: 'charged_back' };
  const refundedAmount = order.status === 'PartialRefund' ? order.refundedAmount : order.amount;
  return refundedAmount > 0 ? { ...charge, transition: 'refunded', refundedAmount } : undefined;
}
