import { randomDigits, randomText, type EmulatedMerchant } from './emulator-credentials.js';
import { newTransactionId, refundable, type EmulatedOrder, type EmulatedRefund } from './emulated-order.js';

/** A refusal in WeChat Pay API v3's terms: an HTTP status and `{ code, message }`. */
export class WechatPayRefusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const OUT_TRADE_NO = /^[A-Za-z0-9_\-|*]{6,32}$/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

const param = (message: string) => new WechatPayRefusal(400, 'PARAM_ERROR', message);

/** The fields of a Native order request that must match when the same `out_trade_no` is ordered again. */
const sameOrder = (a: EmulatedOrder, b: EmulatedOrder) =>
  a.total === b.total &&
  a.description === b.description &&
  a.timeExpire === b.timeExpire &&
  a.notifyUrl === b.notifyUrl;

/** The merchant's orders and refunds, and the rules WeChat Pay applies to them. */
export class OrderBook {
  readonly orders = new Map<string, EmulatedOrder>();

  constructor(
    private readonly merchant: EmulatedMerchant,
    private readonly now: () => number,
  ) {}

  /** `POST /v3/pay/transactions/native`: check the request body, place (or find again) the order. */
  placeNative(body: Record<string, unknown>): EmulatedOrder {
    const { appid, mchid, description, out_trade_no: no, time_expire: expire, notify_url: notifyUrl } = body;
    const amount = (body.amount ?? {}) as { total?: unknown; currency?: unknown };
    if (mchid !== this.merchant.mchid) throw param('mchid is not the requesting merchant');
    if (appid !== this.merchant.appid)
      throw new WechatPayRefusal(400, 'APPID_MCHID_NOT_MATCH', 'appid and mchid do not match');
    if (typeof description !== 'string' || description.length === 0 || [...description].length > 127)
      throw param('description must have 1 to 127 characters');
    if (typeof no !== 'string' || !OUT_TRADE_NO.test(no)) throw param('out_trade_no must be 6–32 of [A-Za-z0-9_-|*]');
    if (typeof notifyUrl !== 'string' || !/^https?:\/\/[^?#]+$/.test(notifyUrl))
      throw param('notify_url must be an absolute URL without a query');
    if (!Number.isSafeInteger(amount.total) || (amount.total as number) <= 0) throw param('amount.total must be > 0');
    if ((amount.currency ?? 'CNY') !== 'CNY') throw param('amount.currency must be CNY');
    let expiresAt = this.now() + 2 * 3600_000;
    if (expire !== undefined) {
      if (typeof expire !== 'string' || !RFC3339.test(expire)) throw param('time_expire must be RFC 3339');
      expiresAt = Date.parse(expire);
    }
    const order: EmulatedOrder = {
      outTradeNo: no,
      appid,
      mchid,
      description,
      total: amount.total as number,
      currency: 'CNY',
      notifyUrl,
      timeExpire: typeof expire === 'string' ? expire : '',
      expiresAt,
      codeUrl: `weixin://wxpay/bizpayurl?pr=${randomText(9)}`,
      tradeState: 'NOTPAY',
      refunds: [],
    };
    const existing = this.orders.get(no);
    if (existing) {
      if (existing.transactionId !== undefined) throw new WechatPayRefusal(400, 'ORDERPAID', 'the order is paid');
      if (existing.tradeState === 'CLOSED') throw new WechatPayRefusal(400, 'ORDERCLOSED', 'the order is closed');
      if (!sameOrder(existing, order)) throw new WechatPayRefusal(400, 'INVALID_REQUEST', '201 商户订单号重复');
      return existing;
    }
    this.orders.set(no, order);
    return order;
  }

  /** The order, or a `404 ORDER_NOT_EXIST`. */
  get(outTradeNo: string): EmulatedOrder {
    const order = this.orders.get(outTradeNo);
    if (!order) throw new WechatPayRefusal(404, 'ORDER_NOT_EXIST', '订单不存在');
    return order;
  }

  /** The order a QR code's text names. */
  byCode(codeUrl: string): EmulatedOrder {
    const order = [...this.orders.values()].find((candidate) => candidate.codeUrl === codeUrl);
    if (!order) throw new WechatPayRefusal(404, 'ORDER_NOT_EXIST', 'no order has this code_url');
    return order;
  }

  /**
   * The player pays (or tries to) after scanning: `SUCCESS` pays the order, `PAYERROR` fails the attempt (the bank
   * refused), `USERPAYING` leaves it waiting for the player's password. An order closed, paid, or past its
   * `time_expire` cannot be paid.
   */
  pay(order: EmulatedOrder, result: 'SUCCESS' | 'PAYERROR' | 'USERPAYING'): void {
    if (order.transactionId !== undefined) throw new WechatPayRefusal(400, 'ORDERPAID', 'the order is paid');
    if (order.tradeState === 'CLOSED') throw new WechatPayRefusal(400, 'ORDERCLOSED', 'the order is closed');
    if (this.now() >= order.expiresAt) throw new WechatPayRefusal(400, 'ORDER_EXPIRED', 'the code has expired');
    order.tradeState = result;
    if (result === 'SUCCESS') {
      order.transactionId = newTransactionId();
      order.successAt = this.now();
    }
  }

  /** `POST …/close`: an unpaid order closes; a paid one cannot. */
  close(order: EmulatedOrder): void {
    if (order.transactionId !== undefined) throw new WechatPayRefusal(400, 'ORDERPAID', 'the order is paid');
    order.tradeState = 'CLOSED';
  }

  /** Refund `amount` fen of a paid order (at most what is left); the refund succeeds at once. */
  refund(order: EmulatedOrder, amount: number, outRefundNo: string, notifyUrl: string | undefined): EmulatedRefund {
    if (order.transactionId === undefined) throw new WechatPayRefusal(400, 'INVALID_REQUEST', 'the order is not paid');
    if (order.refunds.some((refund) => refund.outRefundNo === outRefundNo))
      return order.refunds.find((refund) => refund.outRefundNo === outRefundNo)!;
    if (!Number.isSafeInteger(amount) || amount <= 0) throw param('amount.refund must be > 0');
    if (amount > refundable(order)) throw new WechatPayRefusal(403, 'NOT_ENOUGH', 'the refund exceeds what is left');
    const refund: EmulatedRefund = {
      refundId: `50${randomDigits(27)}`,
      outRefundNo,
      amount,
      status: 'SUCCESS',
      createdAt: this.now(),
      successAt: this.now(),
      notifyUrl: notifyUrl ?? order.notifyUrl,
    };
    order.refunds.push(refund);
    order.tradeState = 'REFUND';
    return refund;
  }
}
