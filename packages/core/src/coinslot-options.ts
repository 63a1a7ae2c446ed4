import type { Platform, ChannelLogger } from './contract/payment-interface.js';
import type { ChannelLoaders } from './factory/channel-loader.js';
import type { ResultPublicKey } from './protocol/bill.js';

/** Options of {@link createCoinslot}. One object; every default documented. */
export interface CoinslotOptions {
  /** The pay server's base URL, absolute (`https://pay.example.com`). */
  server: string;
  /** The app's channel loaders, keyed by channel id: `{ sandbox: () => import('my-channel-package') }`. */
  channels: ChannelLoaders;
  /** Options for each channel, keyed by channel id, passed to the adapter's `init`. */
  channelOptions?: Record<string, unknown>;
  /**
   * The pay server's public result keys to trust. Pinning them is the strongest setting.
   * @default fetched once from `GET /v1/keys` on the configured server
   */
  trustedKeys?: ResultPublicKey[];
  /** The game's version, sent with every bill. */
  appVersion?: string;
  /** The platform, when detection is not wanted. @default detected */
  platform?: Platform;
  /** How long a purchase waits for its result before it ends as `pending`, in ms. @default 600000 (10 minutes) */
  defaultDeadlineMs?: number;
  /** How long the server may hold one wait, in seconds (the protocol's maximum is 25). @default 25 */
  waitSeconds?: number;
  /** Retries of one HTTP request on network errors, 5xx and 429. @default 4 */
  retryLimit?: number;
  /** A logger. @default silent */
  logger?: ChannelLogger;
  /** The fetch to use. @default globalThis.fetch */
  fetch?: typeof fetch;
}
