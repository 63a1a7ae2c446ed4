import { newNonce } from './merchant-authorization.js';
import { WechatPayApiError } from './wechatpay-api.js';
import type { ResolvedWechatPayOptions } from './wechatpay-driver-options.js';
import { hasV2Signature, v2Signature } from './v2-signature.js';
import { parseV2Xml, toV2Xml } from './v2-xml.js';

/** One refund of an order, as WeChat Pay lists it. */
export interface OrderRefund {
  outRefundNo: string;
  refundId: string;
  /** This refund's part, in fen. */
  amount: number;
  /** `SUCCESS`, `PROCESSING`, `REFUNDCLOSE` or `CHANGE`. */
  status: string;
}

/** WeChat Pay lists at most this many refunds of one order through `refundquery`. */
const MAX_PAGES = 5;

function unverified(message: string): WechatPayApiError {
  return new WechatPayApiError(200, 'UNVERIFIED', `WeChat Pay's refund list: ${message}`);
}

async function fetchPage(options: ResolvedWechatPayOptions, apiV2Key: string, outTradeNo: string, offset: number) {
  const fields: Record<string, string> = {
    appid: options.appid,
    mch_id: options.mchid,
    nonce_str: newNonce(),
    sign_type: 'HMAC-SHA256',
    out_trade_no: outTradeNo,
    ...(offset > 0 ? { offset: String(offset) } : {}),
  };
  fields.sign = v2Signature(fields, apiV2Key);
  let text: string;
  try {
    const response = await options.fetch(`${options.baseUrl}/pay/refundquery`, {
      method: 'POST',
      headers: { 'content-type': 'text/xml; charset=utf-8', 'user-agent': 'coinslot-channel-wechatpay' },
      body: toV2Xml(fields),
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    text = await response.text();
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
  } catch (error) {
    throw new WechatPayApiError(0, 'UNREACHABLE', `WeChat Pay's refund list for ${outTradeNo}: ${error}`);
  }
  const answer = parseV2Xml(text);
  if (answer === undefined) throw unverified('the answer is not v2 XML');
  if (answer.return_code !== 'SUCCESS') throw unverified(`return_code ${answer.return_code ?? 'missing'}`);
  if (!hasV2Signature(answer, apiV2Key)) throw unverified('bad sign');
  return answer;
}

/**
 * Every refund of an order, through API v2's `POST /pay/refundquery` (signed with the APIv2 key, HMAC-SHA256): API v3
 * can only look up one refund by its own number, and a refund notification names no running total, so this list is
 * the one place WeChat Pay says how much of an order was refunded. An order without refunds answers `[]`.
 *
 * @throws WechatPayApiError when WeChat Pay cannot be reached, or its answer does not verify or parse
 */
export async function listOrderRefunds(
  options: ResolvedWechatPayOptions,
  apiV2Key: string,
  outTradeNo: string,
): Promise<OrderRefund[]> {
  const refunds: OrderRefund[] = [];
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const answer = await fetchPage(options, apiV2Key, outTradeNo, refunds.length);
    if (answer.result_code !== 'SUCCESS') {
      if (answer.err_code === 'REFUNDNOTEXIST') return refunds;
      throw new WechatPayApiError(200, answer.err_code ?? 'FAIL', `WeChat Pay's refund list: ${answer.err_code}`);
    }
    if (answer.mch_id !== options.mchid || answer.out_trade_no !== outTradeNo)
      throw unverified('the answer is about another merchant or order');
    const count = Number(answer.refund_count);
    if (!Number.isSafeInteger(count) || count < 0) throw unverified('refund_count is not a count');
    for (let i = 0; i < count; i += 1) {
      const amount = Number(answer[`refund_fee_${i}`]);
      if (!Number.isSafeInteger(amount)) throw unverified(`refund_fee_${i} is not an amount`);
      refunds.push({
        outRefundNo: answer[`out_refund_no_${i}`] ?? '',
        refundId: answer[`refund_id_${i}`] ?? '',
        amount,
        status: answer[`refund_status_${i}`] ?? '',
      });
    }
    const total = Number(answer.total_refund_count ?? count);
    if (count === 0 || refunds.length >= total) return refunds;
  }
  return refunds;
}
