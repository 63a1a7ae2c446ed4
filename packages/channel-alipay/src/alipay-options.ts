import { CoinslotError } from '@coinslot/core';

/**
 * How the checkout shows itself. Which Alipay flow a bill uses is the pay server's choice (the driver's `flow`):
 * - page pay: `popup` (default) or `redirect` to Alipay's cashier; `embedded` is refused;
 * - precreate: the QR code is drawn in the game's page (`embedded`), whatever presentation was asked.
 */
export type AlipayPresentation = 'popup' | 'redirect' | 'embedded';

/**
 * The game's options for the Alipay channel (`channelOptions.alipay`), checked by `init`. All public: the app's
 * keys belong to the driver on the pay server.
 *
 * @example
 * ```ts
 * createCoinslot({
 *   server: 'https://pay.example.com',
 *   channels: { alipay: () => import('@coinslot/channel-alipay') },
 *   channelOptions: { alipay: { presentation: 'popup', qrTitle: 'Scan with Alipay' } },
 * });
 * ```
 */
export interface AlipayOptions {
  /** How to show the checkout; core reads it too. @default 'popup' */
  presentation?: AlipayPresentation;
  /** How often the adapter asks the pay server whether the bill settled while the checkout shows, in ms. @default 2000 */
  statusPollMs?: number;
  /** The QR view's heading (precreate), naming the app to scan with. @default 'Scan with Alipay' */
  qrTitle?: string;
}

/** The options after `init` checked them. */
export interface ResolvedAlipayOptions {
  statusPollMs: number;
  qrTitle: string | undefined;
}

const KNOWN = ['presentation', 'statusPollMs', 'qrTitle'];
const invalid = (message: string) => new CoinslotError('INVALID_OPTIONS', `channelOptions.alipay: ${message}`);

/**
 * Checks the game's options; a wrong one is refused, never ignored (`init` throws, core skips the channel).
 * @throws CoinslotError `INVALID_OPTIONS`
 */
export function resolveAlipayOptions(given: AlipayOptions | undefined): ResolvedAlipayOptions {
  if (given === undefined) return { statusPollMs: 2000, qrTitle: undefined };
  if (typeof given !== 'object' || given === null || Array.isArray(given))
    throw invalid(`must be an object, got ${JSON.stringify(given)}`);
  const unknown = Object.keys(given).find((key) => !KNOWN.includes(key));
  if (unknown !== undefined) throw invalid(`unknown option "${unknown}" (known: ${KNOWN.join(', ')})`);
  const { presentation, statusPollMs = 2000, qrTitle } = given;
  if (presentation !== undefined && !['popup', 'redirect', 'embedded'].includes(presentation))
    throw invalid(`presentation must be "popup", "redirect" or "embedded", got ${JSON.stringify(presentation)}`);
  if (typeof statusPollMs !== 'number' || !(statusPollMs >= 100) || statusPollMs > 60_000)
    throw invalid(`statusPollMs must be a number from 100 to 60000, got ${JSON.stringify(statusPollMs)}`);
  if (qrTitle !== undefined && (typeof qrTitle !== 'string' || qrTitle.length > 120))
    throw invalid('qrTitle must be a string of at most 120 characters');
  return { statusPollMs, qrTitle };
}
