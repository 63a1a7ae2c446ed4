import { randomBytes, type KeyObject } from 'node:crypto';
import { type Params, rsa2Sign, signContent } from './alipay-signing.js';
import { beijingTime, fenToYuan } from './alipay-values.js';
import type { EmulatedTrade } from './emulated-trade.js';

/** What the notification is about besides the trade's state: a refund adds its running total and request number. */
export interface NotificationCause {
  refund?: { outBizNo: string };
}

/**
 * The parameters of Alipay's asynchronous trade notification (`notify_type=trade_status_sync`) for the trade as it
 * is now, unsigned. A refund notification carries `refund_fee` (the total refunded so far, in yuan), `gmt_refund`
 * and `out_biz_no`, with `trade_status` `TRADE_SUCCESS` after a partial refund and `TRADE_CLOSED` after a full one.
 */
export function tradeNotificationParams(
  trade: EmulatedTrade,
  appId: string,
  now: number,
  cause: NotificationCause = {},
): Params {
  const total = fenToYuan(trade.totalFen);
  const params: Params = {
    notify_time: beijingTime(now),
    notify_type: 'trade_status_sync',
    notify_id: `2026${randomBytes(14).toString('hex')}`,
    charset: 'utf-8',
    version: '1.0',
    sign_type: 'RSA2',
    app_id: appId,
    auth_app_id: appId,
    trade_no: trade.tradeNo,
    out_trade_no: trade.outTradeNo,
    buyer_id: trade.buyerId,
    buyer_logon_id: trade.buyerLogonId,
    seller_id: '2088721000000000',
    trade_status: trade.status,
    total_amount: total,
    subject: trade.subject,
    gmt_create: beijingTime(trade.createdAt),
  };
  if (trade.paidAt !== undefined) {
    Object.assign(params, {
      receipt_amount: total,
      invoice_amount: total,
      buyer_pay_amount: total,
      point_amount: '0.00',
      gmt_payment: beijingTime(trade.paidAt),
      fund_bill_list: JSON.stringify([{ amount: total, fundChannel: 'ALIPAYACCOUNT' }]),
    });
  }
  if (trade.closedAt !== undefined) params.gmt_close = beijingTime(trade.closedAt);
  if (cause.refund) {
    Object.assign(params, {
      refund_fee: fenToYuan(trade.refundedFen),
      gmt_refund: `${beijingTime(trade.refundedAt ?? now)}.000`,
      out_biz_no: cause.refund.outBizNo,
    });
  }
  return params;
}

/** Signs notification parameters as Alipay does: every parameter but `sign` and `sign_type`, RSA2. */
export function signNotification(params: Params, alipayPrivateKey: KeyObject): Params {
  const unsigned = { ...params };
  delete unsigned.sign;
  return { ...unsigned, sign: rsa2Sign(signContent(unsigned, ['sign', 'sign_type']), alipayPrivateKey) };
}

/** The form body Alipay POSTs (`application/x-www-form-urlencoded; charset=utf-8`). */
export const formBody = (params: Params): string => new URLSearchParams(params).toString();
