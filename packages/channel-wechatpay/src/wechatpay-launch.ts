import { CoinslotError, type LaunchPayload } from '@coinslot/core';

/**
 * The launch payload the driver builds for each bill: public by construction (it travels to the player's browser),
 * so it holds no key. A contract between the two halves of this package: fields are added, never renamed.
 */
export interface WechatPayLaunch {
  /** The Native order's `code_url` (`weixin://wxpay/bizpayurl?pr=…`): the text of the QR code the player scans. */
  codeUrl: string;
  /** The pay server's status route for this bill (with its token): polled to learn when the QR code can go. */
  statusUrl: string;
}

function isHttpUrl(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    const { protocol } = new URL(value);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * Read the launch payload, refusing any other shape: a pay server without this channel's driver (or with an older
 * one) fails loudly here rather than showing a wrong code.
 * @throws CoinslotError `CHANNEL_LAUNCH_FAILED`
 */
export function readWechatPayLaunch(launch: Readonly<LaunchPayload>): WechatPayLaunch {
  const { codeUrl, statusUrl } = launch;
  if (typeof codeUrl !== 'string' || !codeUrl.startsWith('weixin://'))
    throw new CoinslotError('CHANNEL_LAUNCH_FAILED', 'The wechatpay launch payload needs a weixin:// "codeUrl"');
  if (!isHttpUrl(statusUrl))
    throw new CoinslotError('CHANNEL_LAUNCH_FAILED', 'The wechatpay launch payload needs an http(s) "statusUrl"');
  return { codeUrl, statusUrl };
}
