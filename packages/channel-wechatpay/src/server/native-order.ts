import type { Bill } from '@coinslot/core';
import { callWechatPay } from './wechatpay-api.js';
import type { ResolvedWechatPayOptions } from './wechatpay-driver-options.js';
import { outTradeNoOf } from './out-trade-no.js';
import { chinaTime } from './rfc3339.js';

/** Native pay works in yuan: WeChat Pay's domestic API takes CNY only. */
export const WECHATPAY_CURRENCY = 'CNY';

/** The longest `description` WeChat Pay takes. */
const DESCRIPTION_MAX = 127;

/**
 * Place a Native pay order for `bill` (`POST /v3/pay/transactions/native`) and answer its `code_url`, the text of the
 * QR code the player scans with WeChat. The price is the bill's (the pay server's catalog), in fen; the order
 * expires with the bill, so WeChat Pay refuses to take a payment after the bill's `expiresAt`.
 *
 * @throws Error for a currency other than CNY or a bill id that cannot be an order number; WechatPayApiError when
 *   WeChat Pay refuses or its answer does not verify (the pay server answers `500` and stores no bill)
 */
export async function placeNativeOrder(
  options: ResolvedWechatPayOptions,
  bill: Readonly<Bill>,
  notifyUrl: string,
  nowMs: number,
): Promise<string> {
  if (bill.currency !== WECHATPAY_CURRENCY)
    throw new Error(`wechatpay: bill ${bill.id} is in ${bill.currency}; WeChat Pay Native takes CNY only`);
  const answer = await callWechatPay(
    options,
    {
      method: 'POST',
      path: '/v3/pay/transactions/native',
      what: `the Native order for bill ${bill.id}`,
      body: {
        appid: options.appid,
        mchid: options.mchid,
        description: [...options.description(bill)].slice(0, DESCRIPTION_MAX).join(''),
        out_trade_no: outTradeNoOf(bill.id),
        time_expire: chinaTime(bill.expiresAt),
        notify_url: notifyUrl,
        amount: { total: bill.amount, currency: WECHATPAY_CURRENCY },
      },
    },
    nowMs,
  );
  const codeUrl = (answer.body as { code_url?: unknown } | undefined)?.code_url;
  if (typeof codeUrl !== 'string' || !codeUrl.startsWith('weixin://'))
    throw new Error(`wechatpay: WeChat Pay answered the order for bill ${bill.id} without a weixin:// code_url`);
  return codeUrl;
}
