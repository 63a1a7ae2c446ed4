import type { ScanResult } from './emulator-actions.js';
import type { EmulatedMerchant, EmulatedPlatformKey } from './emulator-credentials.js';
import type { EmulatedOrder } from './emulated-order.js';
import type { Delivery, Forgery, SentNotification } from './notifier.js';

/** Options of `startWechatPayEmulator`. */
export interface WechatPayEmulatorOptions {
  /** The loopback port. @default 0 (any free port) */
  port?: number;
  /** The emulator's clock, ms since epoch: signed timestamps, expiry, the request check. @default Date.now */
  now?: () => number;
  /** The merchant's credentials, to keep them across restarts. @default new test keys */
  merchant?: EmulatedMerchant;
  /** WeChat Pay's signing key. @default a new test key */
  platformKey?: EmulatedPlatformKey;
}

/** What `createWechatPayDriver` needs to talk to this emulator (mchid, keys, `baseUrl`…). */
export interface WechatPayEmulatorDriverOptions {
  mchid: string;
  appid: string;
  merchantSerialNo: string;
  merchantPrivateKey: string;
  apiV3Key: string;
  apiV2Key: string;
  wechatpayPublicKeys: Record<string, string>;
  baseUrl: string;
}

/** A running WeChat Pay emulator. */
export interface WechatPayEmulator {
  /** Its base URL (`http://127.0.0.1:<port>`): the driver's `baseUrl`. */
  readonly url: string;
  readonly merchant: EmulatedMerchant;
  readonly platformKey: EmulatedPlatformKey;
  /** The driver's options for this emulator. */
  driverOptions(): WechatPayEmulatorDriverOptions;
  /** Every order, by `out_trade_no`. */
  readonly orders: ReadonlyMap<string, EmulatedOrder>;
  /** Every notification made, oldest first, with each attempt's answer. */
  readonly notifications: readonly SentNotification[];
  /** The player scans the code and pays (`SUCCESS`, notified), fails (`PAYERROR`) or hesitates (`USERPAYING`). */
  scan(codeUrl: string, options?: { result?: ScanResult; delivery?: Delivery }): Promise<SentNotification | undefined>;
  /** Close an unpaid order (as the merchant's close API does). */
  closeOrder(outTradeNo: string): void;
  /** Refund `amount` fen (default all that is left) as from the merchant platform; notified `REFUND.SUCCESS`. */
  refund(outTradeNo: string, options?: { amount?: number; delivery?: Delivery }): Promise<SentNotification>;
  /** A consumer complaint about the order, notified `COMPLAINT.CREATE` (WeChat Pay has no chargeback). */
  complain(outTradeNo: string, options?: { delivery?: Delivery }): Promise<SentNotification>;
  /** Post a notification again as a retry (same id and body, fresh signature); answers the pay server's status. */
  resend(notification: SentNotification): Promise<number>;
  /** Post a notification's last attempt again byte for byte (its old signed headers); answers the status. */
  replay(notification: SentNotification): Promise<number>;
  /** Post a forged payment notification of the order; answers the status. */
  forge(outTradeNo: string, forgery: Forgery): Promise<number>;
  /** Post every held or failed notification again, oldest first (WeChat Pay's retries). */
  retryUndelivered(): Promise<SentNotification[]>;
  /** Stop listening. */
  stop(): Promise<void>;
}
