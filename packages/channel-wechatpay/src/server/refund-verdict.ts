import type { ChannelRefund, ChannelRefusal } from '@coinslot/server';
import { listOrderRefunds } from './order-refunds.js';
import { billIdOf } from './out-trade-no.js';
import { transactionIdOf } from './transaction-id.js';
import { WECHATPAY_CURRENCY } from './native-order.js';
import type { ResolvedWechatPayOptions } from './wechatpay-driver-options.js';

const refuse = (reason: string): ChannelRefusal => ({ refused: true, reason });

/**
 * A `REFUND.SUCCESS` notification's decrypted refund as a reversal. The notification names this refund's part
 * (`amount.refund`) and the order's total (`amount.total`), never how much was refunded in all; the running total
 * the protocol asks for comes from WeChat Pay's list of the order's refunds (API v2 `refundquery`, with the APIv2
 * key): the sum of those that succeeded, plus this one if the list does not show it as succeeded yet. The same refund
 * notified again, or two refunds notified in either order, therefore give the same or a larger total, never one
 * counted twice. Without an APIv2 key the running total is this refund's part. Its `channelTradeNo` is the refunded
 * payment's `transaction_id`, which the refund carries beside its own `refund_id`.
 *
 * @throws WechatPayApiError when the refund list cannot be read (the pay server answers `500`; WeChat Pay retries)
 */
export async function refundVerdict(
  refund: Record<string, unknown>,
  options: ResolvedWechatPayOptions,
): Promise<ChannelRefund | ChannelRefusal> {
  if (refund.mchid !== options.mchid) return refuse('the refund belongs to another mchid');
  const billId = billIdOf(refund.out_trade_no);
  if (billId === undefined) return refuse('out_trade_no is missing or malformed');
  if (refund.refund_status !== 'SUCCESS') return refuse('a REFUND.SUCCESS whose refund_status is not SUCCESS');
  const amount = (refund.amount ?? {}) as { total?: unknown; refund?: unknown };
  const { total, refund: part } = amount;
  if (!Number.isSafeInteger(total) || !Number.isSafeInteger(part) || (part as number) <= 0)
    return refuse('amount.total and amount.refund must be amounts in fen');
  let refundedAmount = part as number;
  if (options.apiV2Key !== undefined) {
    const refunds = await listOrderRefunds(options, options.apiV2Key, billId);
    const succeeded = refunds.filter((listed) => listed.status === 'SUCCESS');
    const listed = succeeded.some(
      (entry) => entry.refundId === refund.refund_id || entry.outRefundNo === refund.out_refund_no,
    );
    refundedAmount = succeeded.reduce((sum, entry) => sum + entry.amount, listed ? 0 : (part as number));
  }
  return {
    billId,
    transition: 'refunded',
    refundedAmount,
    amount: total as number,
    currency: WECHATPAY_CURRENCY,
    ...transactionIdOf(refund.transaction_id),
  };
}
