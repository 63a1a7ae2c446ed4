import type { Bill } from '@coinslot/core';
import type { ChannelStatus } from '@coinslot/server';
import type { AlipaySdk } from 'alipay-sdk';
import { tradeNoOf, yuanToFen } from './alipay-values.js';

/**
 * Asks Alipay about the bill's trade (`alipay.trade.query` by `out_trade_no`, the answer's `sign` verified by the
 * SDK): `TRADE_SUCCESS` / `TRADE_FINISHED` → paid, `TRADE_CLOSED` → cancelled, `WAIT_BUYER_PAY` and
 * `ACQ.TRADE_NOT_EXIST` (a precreated code nobody scanned yet, a cashier nobody logged in to) → pending.
 * The query tells no refund total, so it never reports a reversal: refunds come by notification only. The answer's
 * `trade_no` is the verdict's `channelTradeNo`, as in a notification.
 *
 * @throws when Alipay cannot be reached (the server asks again at its next checkpoint)
 */
export async function queryTrade(sdk: AlipaySdk, bill: Readonly<Bill>): Promise<ChannelStatus> {
  let answer: Record<string, unknown>;
  try {
    answer = await sdk.exec('alipay.trade.query', { bizContent: { out_trade_no: bill.id } }, { validateSign: true });
  } catch (error) {
    // The SDK's own refusals of the answer (a bad sign, not JSON) are refusals; a transport failure is thrown.
    if (
      error instanceof Error &&
      error.name === 'AlipayRequestError' &&
      !/HttpClient Request error/.test(error.message)
    )
      return { refused: true, reason: `alipay.trade.query: ${error.message.slice(0, 120)}` };
    throw error;
  }
  if (answer.code === '40004' && answer.sub_code === 'ACQ.TRADE_NOT_EXIST')
    return { pending: true, reason: 'ACQ.TRADE_NOT_EXIST' };
  if (answer.code !== '10000')
    return { refused: true, reason: `alipay.trade.query answered ${answer.code} ${answer.sub_code ?? ''}` };
  if (answer.out_trade_no !== bill.id)
    return { refused: true, reason: 'alipay.trade.query answered about another trade' };
  const amount = yuanToFen(typeof answer.total_amount === 'string' ? answer.total_amount : undefined);
  if (amount === undefined) return { refused: true, reason: 'alipay.trade.query: total_amount is not in yuan' };
  const trade = { billId: bill.id, amount, currency: 'CNY', ...tradeNoOf(answer.trade_no) };
  switch (answer.trade_status) {
    case 'TRADE_SUCCESS':
    case 'TRADE_FINISHED':
      return { ...trade, transition: 'paid' };
    case 'TRADE_CLOSED':
      return { ...trade, transition: 'cancelled' };
    case 'WAIT_BUYER_PAY':
      return { pending: true, reason: 'WAIT_BUYER_PAY' };
    default:
      return {
        refused: true,
        reason: `alipay.trade.query: unknown trade_status ${String(answer.trade_status).slice(0, 40)}`,
      };
  }
}
