import { randomText, type EmulatedMerchant } from './emulator-credentials.js';
import { transactionOf } from './emulated-order.js';
import { merchantSignatureProblem, type ReceivedRequest } from './merchant-signature-check.js';
import { chinaTime } from './platform-signing.js';
import { type OrderBook, WechatPayRefusal } from './order-book.js';

/** An answer of the v3 API before it is signed: a status and a JSON body (none for `204`). */
export interface V3Answer {
  status: number;
  body?: unknown;
}

/** What the v3 routes use. */
export interface V3Context {
  merchant: EmulatedMerchant;
  book: OrderBook;
  now: () => number;
  /** Called once a refund was made through the API, to notify it. */
  refunded(outTradeNo: string, outRefundNo: string): Promise<void>;
}

const ORDER = /^\/v3\/pay\/transactions\/out-trade-no\/([^/?]+)(\/close)?$/;
const REFUND = /^\/v3\/refund\/domestic\/refunds(?:\/([^/?]+))?$/;

function json(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {}
  throw new WechatPayRefusal(400, 'PARAM_ERROR', 'the body is not a JSON object');
}

function refundAnswer(book: OrderBook, outTradeNo: string, outRefundNo: string): V3Answer {
  const order = book.get(outTradeNo);
  const refund = order.refunds.find((entry) => entry.outRefundNo === outRefundNo)!;
  return {
    status: 200,
    body: {
      refund_id: refund.refundId,
      out_refund_no: refund.outRefundNo,
      transaction_id: order.transactionId,
      out_trade_no: order.outTradeNo,
      channel: 'ORIGINAL',
      user_received_account: '支付用户零钱',
      create_time: chinaTime(refund.createdAt),
      ...(refund.successAt === undefined ? {} : { success_time: chinaTime(refund.successAt) }),
      status: refund.status,
      amount: {
        total: order.total,
        refund: refund.amount,
        payer_total: order.total,
        payer_refund: refund.amount,
        currency: 'CNY',
      },
    },
  };
}

/**
 * The subset of WeChat Pay API v3 the driver uses, behind the merchant signature check: Native order, query by
 * `out_trade_no`, close, and domestic refunds (create, query by `out_refund_no`). Answers `undefined` for another path.
 */
export async function answerV3(request: ReceivedRequest, ctx: V3Context): Promise<V3Answer | undefined> {
  const path = request.url.split('?')[0]!;
  const known = path === '/v3/pay/transactions/native' || ORDER.test(path) || REFUND.test(path);
  if (!known) return undefined;
  try {
    const problem = merchantSignatureProblem(ctx.merchant, request, ctx.now());
    if (problem) throw new WechatPayRefusal(401, 'SIGN_ERROR', problem);
    const { method } = request;
    if (method === 'POST' && path === '/v3/pay/transactions/native')
      return { status: 200, body: { code_url: ctx.book.placeNative(json(request.body)).codeUrl } };
    const order = ORDER.exec(path);
    if (order && method === 'GET' && !order[2]) {
      const mchid = new URLSearchParams(request.url.split('?')[1] ?? '').get('mchid');
      if (mchid !== ctx.merchant.mchid) throw new WechatPayRefusal(400, 'PARAM_ERROR', 'mchid must be the merchant');
      return { status: 200, body: transactionOf(ctx.book.get(decodeURIComponent(order[1]!))) };
    }
    if (order && method === 'POST' && order[2]) {
      if (json(request.body).mchid !== ctx.merchant.mchid) throw new WechatPayRefusal(400, 'PARAM_ERROR', 'bad mchid');
      ctx.book.close(ctx.book.get(decodeURIComponent(order[1]!)));
      return { status: 204 };
    }
    const refund = REFUND.exec(path);
    if (refund && method === 'GET' && refund[1]) {
      const wanted = decodeURIComponent(refund[1]);
      const owner = [...ctx.book.orders.values()].find((o) => o.refunds.some((r) => r.outRefundNo === wanted));
      if (!owner) throw new WechatPayRefusal(404, 'RESOURCE_NOT_EXISTS', '退款单不存在');
      return refundAnswer(ctx.book, owner.outTradeNo, wanted);
    }
    if (refund && method === 'POST' && !refund[1]) {
      const body = json(request.body);
      const amount = (body.amount ?? {}) as { refund?: unknown; total?: unknown };
      const target = ctx.book.get(String(body.out_trade_no));
      if (amount.total !== target.total)
        throw new WechatPayRefusal(400, 'PARAM_ERROR', 'amount.total is not the order’s');
      const outRefundNo = typeof body.out_refund_no === 'string' ? body.out_refund_no : `R${randomText(20)}`;
      const notifyUrl = typeof body.notify_url === 'string' ? body.notify_url : undefined;
      ctx.book.refund(target, amount.refund as number, outRefundNo, notifyUrl);
      await ctx.refunded(target.outTradeNo, outRefundNo);
      return refundAnswer(ctx.book, target.outTradeNo, outRefundNo);
    }
    return { status: 405, body: { code: 'METHOD_NOT_ALLOWED', message: `${method} ${path}` } };
  } catch (error) {
    if (error instanceof WechatPayRefusal)
      return { status: error.status, body: { code: error.code, message: error.message } };
    throw error;
  }
}
