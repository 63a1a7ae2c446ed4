import { CoinslotError, type LaunchPayload } from '@coinslot/core';

/** How the driver sells: Alipay's page pay (a cashier page) or precreate (a QR code the buyer scans in the app). */
export type AlipayFlow = 'page' | 'precreate';

/**
 * The launch payload the driver builds for each bill — public by construction (it travels to the player), so it
 * holds no key. A contract between the two halves of this package: fields are added, never renamed or removed.
 */
export type AlipayLaunch =
  | {
      flow: 'page';
      /** The signed `alipay.trade.page.pay` URL on Alipay's gateway: the cashier to open in a popup or by redirect. */
      pageUrl: string;
      /** The Alipay `out_trade_no`: the bill id. */
      outTradeNo: string;
      /** The driver's status page for this bill (`GET` → `{ "state" }`), which the adapter polls while the checkout shows. */
      statusUrl: string;
    }
  | {
      flow: 'precreate';
      /** The `qr_code` `alipay.trade.precreate` answered: the text to draw as a QR code. */
      qrCode: string;
      outTradeNo: string;
      statusUrl: string;
    };

const isHttpUrl = (value: unknown): value is string => {
  if (typeof value !== 'string') return false;
  try {
    const { protocol } = new URL(value);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
};

const refuse = (what: string, value: unknown) =>
  new CoinslotError('CHANNEL_LAUNCH_FAILED', `The Alipay launch payload needs ${what}, got ${JSON.stringify(value)}`);

/**
 * Reads the launch payload, refusing any other shape: a pay server without this channel's driver (or with another
 * version of it) fails loudly here instead of showing a wrong page.
 * @throws CoinslotError `CHANNEL_LAUNCH_FAILED`
 */
export function readAlipayLaunch(launch: Readonly<LaunchPayload>): AlipayLaunch {
  const { flow, pageUrl, qrCode, outTradeNo, statusUrl } = launch;
  if (typeof outTradeNo !== 'string' || outTradeNo === '') throw refuse('an "outTradeNo"', outTradeNo);
  if (!isHttpUrl(statusUrl)) throw refuse('an absolute http(s) "statusUrl"', statusUrl);
  if (flow === 'page') {
    if (!isHttpUrl(pageUrl)) throw refuse('an absolute http(s) "pageUrl"', pageUrl);
    return { flow, pageUrl, outTradeNo, statusUrl };
  }
  if (flow === 'precreate') {
    if (typeof qrCode !== 'string' || qrCode === '' || qrCode.length > 2048) throw refuse('a "qrCode"', qrCode);
    return { flow, qrCode, outTradeNo, statusUrl };
  }
  throw refuse('"flow" "page" or "precreate"', flow);
}
