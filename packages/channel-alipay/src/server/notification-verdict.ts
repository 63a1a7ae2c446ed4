import type { NotificationVerification } from '@coinslot/server';
import { tradeNoOf, yuanToFen } from './alipay-values.js';

const refuse = (reason: string): NotificationVerification => ({ refused: true, reason });

/**
 * Maps a trade notification (`notify_type=trade_status_sync`) whose signature, app and age were verified to the
 * protocol's terms. Alipay charges yuan: `total_amount` becomes fen, the currency is CNY; `out_trade_no` is the bill,
 * `trade_no` (Alipay's number of the trade, named by its refunds too and the bill file's 支付宝交易号) the verdict's
 * `channelTradeNo`.
 *
 * - `refund_fee` present: a refund — `refund_fee` is Alipay's running total refunded on the trade, so it is the
 *   reversal's `refundedAmount` as is (`trade_status` is `TRADE_SUCCESS` after a partial refund, `TRADE_CLOSED`
 *   after a full one). Alipay gives no reason in the notification.
 * - `TRADE_SUCCESS`, `TRADE_FINISHED` (the refund period is over): paid.
 * - `TRADE_CLOSED` without a refund: the trade closed unpaid (timed out at `time_expire`, or closed by the
 *   merchant): cancelled.
 * - `WAIT_BUYER_PAY` (sent only when enabled for the app): ignored — nothing final yet.
 *
 * Alipay has no chargeback in this model and no "declined" trade state, so neither verdict comes from here.
 */
export function tradeVerdict(params: Readonly<Record<string, string>>): NotificationVerification {
  const { out_trade_no: billId, trade_status: status, total_amount: total, refund_fee: refundFee } = params;
  if (!billId) return refuse('out_trade_no is missing');
  const amount = yuanToFen(total);
  if (amount === undefined) return refuse('total_amount is not an amount in yuan');
  const trade = { amount, currency: 'CNY', ...tradeNoOf(params.trade_no) };
  if (refundFee !== undefined && refundFee !== '') {
    const refundedAmount = yuanToFen(refundFee);
    if (refundedAmount === undefined) return refuse('refund_fee is not an amount in yuan');
    // "0.00" refunds nothing: the notification speaks about the trade's state only.
    if (refundedAmount > 0) return { billId, transition: 'refunded', refundedAmount, ...trade };
  }
  switch (status) {
    case 'TRADE_SUCCESS':
    case 'TRADE_FINISHED':
      return { billId, transition: 'paid', ...trade };
    case 'TRADE_CLOSED':
      return { billId, transition: 'cancelled', ...trade };
    case 'WAIT_BUYER_PAY':
      return { ignored: true, reason: 'trade_status WAIT_BUYER_PAY: nothing final yet' };
    default:
      return refuse(`unknown trade_status ${JSON.stringify(String(status).slice(0, 40))}`);
  }
}
