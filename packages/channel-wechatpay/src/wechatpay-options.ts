import { CoinslotError } from '@coinslot/core';

/**
 * The game's options for the channel, `channelOptions.wechatpay`, checked by `init` and read again for each payment.
 * All public: the channel's keys belong to the driver on the pay server.
 *
 * @example
 * ```ts
 * createCoinslot({
 *   server: 'https://pay.example.com',
 *   channels: { wechatpay: () => import('@coinslot/channel-wechatpay') },
 *   channelOptions: { wechatpay: { title: '微信扫码支付' } },
 * });
 * ```
 */
export interface WechatPayOptions {
  /** The heading over the QR code, naming the app to scan with. @default 'Scan with WeChat' */
  title?: string;
  /** How often to ask the pay server whether the bill was paid while the code is shown, in ms (250–10000). @default 2000 */
  statusPollMs?: number;
}

/** The options after they were checked. */
export interface ResolvedWechatPayOptions {
  title: string;
  statusPollMs: number;
}

const DEFAULT_TITLE = 'Scan with WeChat';

const KNOWN = ['title', 'statusPollMs'];

const invalid = (message: string) => new CoinslotError('INVALID_OPTIONS', `channelOptions.wechatpay: ${message}`);

/**
 * Check the game's options; a wrong one is refused, never ignored (core then skips the channel as `unsupported`).
 * @throws CoinslotError `INVALID_OPTIONS`
 */
export function resolveWechatPayOptions(given: WechatPayOptions | undefined): ResolvedWechatPayOptions {
  if (given === undefined) return { title: DEFAULT_TITLE, statusPollMs: 2_000 };
  if (typeof given !== 'object' || given === null || Array.isArray(given)) throw invalid('must be an object');
  const unknown = Object.keys(given).find((key) => !KNOWN.includes(key));
  if (unknown !== undefined) throw invalid(`unknown option "${unknown}" (known: ${KNOWN.join(', ')})`);
  const { title = DEFAULT_TITLE, statusPollMs = 2_000 } = given;
  if (typeof title !== 'string' || title.length > 80) throw invalid('title must be a string of at most 80 characters');
  if (typeof statusPollMs !== 'number' || !(statusPollMs >= 250 && statusPollMs <= 10_000))
    throw invalid('statusPollMs must be a number from 250 to 10000');
  return { title, statusPollMs };
}
