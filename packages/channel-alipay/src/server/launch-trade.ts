import type { Bill, LaunchPayload } from '@coinslot/core';
import type { DriverContext } from '@coinslot/server';
import type { AlipaySdk } from 'alipay-sdk';
import type { AlipayLaunch } from '../alipay-launch.js';
import { ALIPAY_ID } from '../channel-id.js';
import type { ResolvedAlipayOptions } from './alipay-driver-options.js';
import { beijingTime, fenToYuan } from './alipay-values.js';
import type { StatusToken } from './status-token.js';

/** What launching needs: the checked options, the SDK, and the status tokens. */
export interface LaunchDeps {
  options: ResolvedAlipayOptions;
  sdk: AlipaySdk;
  tokens: StatusToken;
}

/** The order as Alipay reads it (`biz_content`): the bill's id, price and deadline, never anything the client sent. */
function order(bill: Readonly<Bill>, options: ResolvedAlipayOptions) {
  return {
    out_trade_no: bill.id,
    total_amount: fenToYuan(bill.amount),
    subject: options.subject(bill).slice(0, 256),
    // Alipay closes the trade unpaid when the bill expires (its clock is Beijing time).
    time_expire: beijingTime(bill.expiresAt),
  };
}

/**
 * Builds the launch payload for a new bill: for page pay, the signed `alipay.trade.page.pay` URL (made locally by
 * the SDK, no call to Alipay); for precreate, the `qr_code` of an `alipay.trade.precreate` call (answer verified).
 * The notify URL is the pay server's `/v1/notify/alipay`, the return URL its `/v1/alipay/return`.
 *
 * @throws Error for a bill not in CNY (Alipay charges yuan), or when Alipay refuses or cannot be reached — the pay
 *   server then answers `500 INTERNAL` and stores no bill. Messages never carry a key.
 */
export async function launchTrade(
  { options, sdk, tokens }: LaunchDeps,
  bill: Readonly<Bill>,
  ctx: DriverContext,
): Promise<LaunchPayload> {
  if (bill.currency !== 'CNY')
    throw new Error(`alipay: bill ${bill.id} is in ${bill.currency}; the Alipay channel charges CNY only`);
  const notifyUrl = `${ctx.publicUrl}/v1/notify/${ALIPAY_ID}`;
  const statusUrl = `${ctx.publicUrl}/v1/${ALIPAY_ID}/status/${bill.id}?token=${tokens.of(bill.id)}`;
  if (options.flow === 'page') {
    const pageUrl = sdk.pageExecute('alipay.trade.page.pay', 'GET', {
      bizContent: { ...order(bill, options), product_code: 'FAST_INSTANT_TRADE_PAY' },
      notifyUrl,
      returnUrl: `${ctx.publicUrl}/v1/${ALIPAY_ID}/return`,
    });
    return { flow: 'page', pageUrl, outTradeNo: bill.id, statusUrl } satisfies AlipayLaunch;
  }
  const answer = await sdk.exec(
    'alipay.trade.precreate',
    { notifyUrl, bizContent: order(bill, options) },
    { validateSign: true },
  );
  if (answer.code !== '10000' || typeof answer.qr_code !== 'string')
    throw new Error(
      `alipay: alipay.trade.precreate refused bill ${bill.id}: ${answer.code} ${answer.sub_code ?? ''} ${answer.sub_msg ?? answer.msg}`,
    );
  return { flow: 'precreate', qrCode: answer.qr_code, outTradeNo: bill.id, statusUrl } satisfies AlipayLaunch;
}
