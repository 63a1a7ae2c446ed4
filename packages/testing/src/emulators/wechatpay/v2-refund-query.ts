import { createHmac } from 'node:crypto';
import { randomText, type EmulatedMerchant } from './emulator-credentials.js';
import type { OrderBook } from './order-book.js';

/** The v2 XML of one message (flat fields in CDATA). */
function toXml(fields: Record<string, string>): string {
  return `<xml>${Object.entries(fields)
    .map(([key, value]) => `<${key}><![CDATA[${value}]]></${key}>`)
    .join('')}</xml>`;
}

function fromXml(text: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [, key, cdata, plain] of text.matchAll(/<(\w+)>(?:<!\[CDATA\[([\s\S]*?)\]\]>|([^<]*))<\/\1>/g))
    if (key !== 'xml') fields[key!] = cdata ?? plain ?? '';
  return fields;
}

/** API v2's HMAC-SHA256 `sign`: sorted non-empty fields but `sign`, `&key=`, HMAC keyed with the APIv2 key, upper hex. */
function sign(fields: Record<string, string>, key: string): string {
  const text = Object.keys(fields)
    .filter((name) => name !== 'sign' && fields[name] !== '')
    .sort()
    .map((name) => `${name}=${fields[name]}`)
    .join('&');
  return createHmac('sha256', key).update(`${text}&key=${key}`).digest('hex').toUpperCase();
}

/** Refunds per page of `refundquery`. */
const PAGE = 10;

/**
 * API v2 `POST /pay/refundquery` by `out_trade_no` (the one call that lists every refund of an order): checks the
 * merchant, the `HMAC-SHA256` sign with the APIv2 key, and answers the order's refunds ten at a time from `offset`,
 * signed the same way. Only `sign_type` HMAC-SHA256 is emulated.
 */
export function answerRefundQuery(text: string, merchant: EmulatedMerchant, book: OrderBook): string {
  const request = fromXml(text);
  const fail = (message: string) => toXml({ return_code: 'FAIL', return_msg: message });
  if (request.mch_id !== merchant.mchid || request.appid !== merchant.appid) return fail('mch_id or appid is wrong');
  if (request.sign_type !== 'HMAC-SHA256') return fail('sign_type must be HMAC-SHA256 here');
  if (request.sign !== sign(request, merchant.apiV2Key)) return fail('签名错误');
  const base = { return_code: 'SUCCESS', appid: merchant.appid, mch_id: merchant.mchid, nonce_str: randomText(32) };
  const order = book.orders.get(request.out_trade_no ?? '');
  const answer: Record<string, string> =
    order === undefined || order.refunds.length === 0
      ? { ...base, result_code: 'FAIL', err_code: 'REFUNDNOTEXIST', err_code_des: '退款订单查询失败' }
      : { ...base, result_code: 'SUCCESS', out_trade_no: order.outTradeNo, total_fee: String(order.total) };
  if (order !== undefined && order.refunds.length > 0) {
    const offset = Number(request.offset ?? 0);
    const page = order.refunds.slice(offset, offset + PAGE);
    answer.transaction_id = order.transactionId ?? '';
    answer.total_refund_count = String(order.refunds.length);
    answer.refund_count = String(page.length);
    page.forEach((refund, i) => {
      answer[`out_refund_no_${i}`] = refund.outRefundNo;
      answer[`refund_id_${i}`] = refund.refundId;
      answer[`refund_fee_${i}`] = String(refund.amount);
      answer[`refund_status_${i}`] = refund.status;
    });
  }
  answer.sign = sign(answer, merchant.apiV2Key);
  return toXml(answer);
}
