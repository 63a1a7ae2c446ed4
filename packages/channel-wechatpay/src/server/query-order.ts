import type { Bill } from '@coinslot/core';
import type { ChannelStatus } from '@coinslot/server';
import { outTradeNoOf } from './out-trade-no.js';
import { transactionStatus } from './transaction-status.js';
import { callWechatPay, WechatPayApiError } from './wechatpay-api.js';
import type { ResolvedWechatPayOptions } from './wechatpay-driver-options.js';

/**
 * Ask WeChat Pay about a bill's order (`GET /v3/pay/transactions/out-trade-no/{out_trade_no}?mchid=…`), the query
 * fallback for a notification that never came, and for what WeChat Pay never notifies (a failed or closed order).
 * A verified answer maps like a notification's transaction (transaction-status.ts): `SUCCESS` or `REFUND` → paid,
 * `PAYERROR` → failed, `CLOSED` / `REVOKED` → cancelled, `NOTPAY` / `USERPAYING` → pending. An order WeChat Pay
 * does not know (`ORDER_NOT_EXIST`) is pending too: nothing was paid.
 *
 * @throws WechatPayApiError when WeChat Pay cannot be reached or refuses (the server logs it and asks again later)
 */
export async function queryOrder(
  options: ResolvedWechatPayOptions,
  bill: Readonly<Bill>,
  nowMs: number,
): Promise<ChannelStatus> {
  const outTradeNo = outTradeNoOf(bill.id);
  const path = `/v3/pay/transactions/out-trade-no/${encodeURIComponent(outTradeNo)}?mchid=${options.mchid}`;
  let body: unknown;
  try {
    ({ body } = await callWechatPay(options, { method: 'GET', path, what: `the order of bill ${bill.id}` }, nowMs));
  } catch (error) {
    if (error instanceof WechatPayApiError && error.code === 'ORDER_NOT_EXIST')
      return { pending: true, reason: 'ORDER_NOT_EXIST' };
    throw error;
  }
  const status = transactionStatus(body, options, { amount: bill.amount, currency: bill.currency });
  if ('billId' in status && status.billId !== bill.id)
    return { refused: true, reason: 'WeChat Pay answered about another order' };
  return status;
}
