import { randomDigits } from './emulator-credentials.js';
import { chinaTime } from './platform-signing.js';

/** An order's `trade_state`, as WeChat Pay names it. */
export type TradeState = 'NOTPAY' | 'USERPAYING' | 'SUCCESS' | 'REFUND' | 'CLOSED' | 'PAYERROR';

/** One refund of an order. */
export interface EmulatedRefund {
  refundId: string;
  outRefundNo: string;
  /** This refund's part, in fen. */
  amount: number;
  status: 'SUCCESS' | 'PROCESSING';
  createdAt: number;
  successAt?: number;
  /** Where its notification goes: the refund request's `notify_url`, else the order's. */
  notifyUrl: string;
}

/** A Native order as the emulator holds it. */
export interface EmulatedOrder {
  outTradeNo: string;
  appid: string;
  mchid: string;
  description: string;
  /** In fen. */
  total: number;
  currency: string;
  notifyUrl: string;
  /** `time_expire` as sent, and as ms since epoch. */
  timeExpire: string;
  expiresAt: number;
  codeUrl: string;
  tradeState: TradeState;
  transactionId?: string;
  successAt?: number;
  refunds: EmulatedRefund[];
}

const DESCRIPTIONS: Record<TradeState, string> = {
  NOTPAY: '订单未支付',
  USERPAYING: '用户支付中',
  SUCCESS: '支付成功',
  REFUND: '转入退款',
  CLOSED: '订单已关闭',
  PAYERROR: '支付失败',
};

/** A new WeChat Pay transaction id: `42` and 26 digits. */
export const newTransactionId = () => `42${randomDigits(26)}`;

/** The transaction object of API v3 (query answers and `TRANSACTION.*` resources). */
export function transactionOf(order: EmulatedOrder): Record<string, unknown> {
  const paid = order.transactionId !== undefined;
  return {
    appid: order.appid,
    mchid: order.mchid,
    out_trade_no: order.outTradeNo,
    ...(paid ? { transaction_id: order.transactionId } : {}),
    trade_type: 'NATIVE',
    trade_state: order.tradeState,
    trade_state_desc: DESCRIPTIONS[order.tradeState],
    ...(paid ? { bank_type: 'OTHERS', success_time: chinaTime(order.successAt!) } : {}),
    attach: '',
    ...(paid ? { payer: { openid: `o${order.outTradeNo.slice(0, 8)}emulated` } } : {}),
    amount: {
      total: order.total,
      ...(paid ? { payer_total: order.total } : {}),
      currency: order.currency,
      payer_currency: order.currency,
    },
  };
}

/** The refund object of a `REFUND.*` notification's resource. */
export function refundResourceOf(order: EmulatedOrder, refund: EmulatedRefund): Record<string, unknown> {
  return {
    mchid: order.mchid,
    out_trade_no: order.outTradeNo,
    transaction_id: order.transactionId,
    out_refund_no: refund.outRefundNo,
    refund_id: refund.refundId,
    refund_status: refund.status,
    ...(refund.successAt === undefined ? {} : { success_time: chinaTime(refund.successAt) }),
    user_received_account: '支付用户零钱',
    amount: { total: order.total, refund: refund.amount, payer_total: order.total, payer_refund: refund.amount },
  };
}

/** What is left to refund of an order, in fen. */
export function refundable(order: EmulatedOrder): number {
  return order.total - order.refunds.reduce((sum, refund) => sum + refund.amount, 0);
}
