import { createPublicKey, type KeyObject } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateRsaKeyPair, privatePem, publicPem } from './alipay-signing.js';
import { yuanToFen } from './alipay-values.js';
import type { EmulatedTrade } from './emulated-trade.js';
import { emulatorHandler } from './emulator-http.js';
import type { EmulatorState } from './emulator-state.js';
import { type AlipayNotification, type Delivery, Notifier } from './notifier.js';
import { formBody, signNotification } from './trade-notification.js';
import { closeTrade, declineTrade, payTrade, refundTrade, scanTrade, tradeOf } from './trade-operations.js';

/** Options of {@link startAlipayEmulator}. */
export interface AlipayEmulatorOptions {
  /** The merchant app's id. @default '2021000000000001' */
  appId?: string;
  /**
   * The merchant app's public key (PEM or bare base64 SPKI), which verifies the app's requests. @default a key pair
   * made at start, whose private half is {@link AlipayEmulator.appPrivateKey}
   */
  appPublicKey?: string;
  /** The emulator's clock, ms since epoch. @default Date.now */
  now?: () => number;
  /**
   * Delays of the automatic re-deliveries of a notification not answered `success`, in ms. Alipay's own schedule is
   * 8 deliveries in 25 h (4 m, 10 m, 10 m, 1 h, 2 h, 6 h, 15 h). @default [] (no automatic retry: call `redeliver`)
   */
  retryDelaysMs?: readonly number[];
  /** The loopback port. @default 0 (a free one) */
  port?: number;
}

/** Options of the calls that make a notification: sent now (default), kept back for later, or lost. */
export interface DeliveryOptions {
  delivery?: Delivery;
}

/** A running emulated Alipay open platform on loopback. */
export interface AlipayEmulator {
  /** Base URL, `http://127.0.0.1:<port>`. */
  url: string;
  /** The gateway for the SDK's `gateway` option: `<url>/gateway.do`. */
  gateway: string;
  appId: string;
  /** The merchant app's private key (PKCS#8 PEM) when the emulator made the app's key pair; else `undefined`. */
  appPrivateKey: string | undefined;
  /** The "Alipay public key" (SPKI PEM) to configure in the driver: it verifies answers and notifications. */
  alipayPublicKey: string;
  /** Every trade by `out_trade_no`. */
  trades: ReadonlyMap<string, EmulatedTrade>;
  /** Every notification made, oldest first. */
  notifications: readonly AlipayNotification[];
  /** A trade by `out_trade_no` (throws `ACQ.TRADE_NOT_EXIST`). */
  trade(outTradeNo: string): EmulatedTrade;
  /** Opens a page-pay URL as the buyer's browser does (creates the trade); resolves the cashier's HTML. */
  openPage(pageUrl: string): Promise<string>;
  /** The buyer scans a precreated trade's QR code. */
  scan(outTradeNo: string): EmulatedTrade;
  /** The buyer pays. */
  pay(outTradeNo: string, options?: DeliveryOptions): Promise<AlipayNotification | undefined>;
  /** Alipay refuses the buyer's payment: the trade keeps waiting, nothing is notified. */
  decline(outTradeNo: string): EmulatedTrade;
  /** The trade closes unpaid (merchant close, or `time_expire` passed): `TRADE_CLOSED` is notified. */
  closeTrade(outTradeNo: string, options?: DeliveryOptions): Promise<AlipayNotification | undefined>;
  /** The merchant refunds `amount` yuan (default what is left), once per `outRequestNo`. */
  refund(
    outTradeNo: string,
    options?: DeliveryOptions & { amount?: string; outRequestNo?: string },
  ): Promise<AlipayNotification | undefined>;
  /** Sends a notification's exact bytes again (a duplicate, a retry, or — later — a replay). */
  redeliver(notification: AlipayNotification): Promise<AlipayNotification>;
  /** Sends every held notification, oldest first. */
  releaseHeld(): Promise<AlipayNotification[]>;
  /**
   * Sends a forgery of `notification` to its URL: its parameters with `changes`, signed with a stranger's key
   * (`signer: 'stranger'`, default) or left with Alipay's now-wrong signature (`signer: 'unchanged'`).
   * Resolves the HTTP status and answer.
   */
  forge(
    notification: AlipayNotification,
    options?: { changes?: Record<string, string>; signer?: 'stranger' | 'unchanged' },
  ): Promise<{ status: number; answer: string }>;
  /**
   * Signs `params` with Alipay's key exactly as a notification (every parameter but `sign` and `sign_type`) and
   * delivers it to `url`: for what the emulated trades never produce — another `notify_type`, a correctly signed
   * amount that differs from the order, an unknown `out_trade_no`.
   */
  sendSigned(url: string, params: Record<string, string>, options?: DeliveryOptions): Promise<AlipayNotification>;
  /** Stops the server and the scheduled retries. */
  close(): Promise<void>;
}

function publicKeyOf(text: string): KeyObject {
  const pem = text.includes('-----BEGIN')
    ? text
    : `-----BEGIN PUBLIC KEY-----\n${text.replace(/\s+/g, '')}\n-----END PUBLIC KEY-----\n`;
  return createPublicKey(pem);
}

/**
 * Starts an emulated Alipay on loopback: the `/gateway.do` subset the Coinslot Alipay driver uses
 * (`alipay.trade.page.pay`, `alipay.trade.precreate`, `alipay.trade.query`, `alipay.trade.refund`,
 * `alipay.trade.close`), verifying the app's RSA2 request signatures and signing its answers and its asynchronous
 * notifications with an "Alipay" RSA key made at start — the same scheme and the same SDK checks as the real one.
 */
export async function startAlipayEmulator(options: AlipayEmulatorOptions = {}): Promise<AlipayEmulator> {
  const appKeys = options.appPublicKey === undefined ? generateRsaKeyPair() : undefined;
  const stranger = generateRsaKeyPair();
  const state: EmulatorState = {
    appId: options.appId ?? '2021000000000001',
    alipayKeys: generateRsaKeyPair(),
    appPublicKey: appKeys?.publicKey ?? publicKeyOf(options.appPublicKey!),
    trades: new Map(),
    notifier: new Notifier(options.retryDelaysMs ?? []),
    now: options.now ?? Date.now,
    url: '',
  };
  const server = createServer(emulatorHandler(state));
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: state.url,
    gateway: `${state.url}/gateway.do`,
    appId: state.appId,
    appPrivateKey: appKeys ? privatePem(appKeys.privateKey) : undefined,
    alipayPublicKey: publicPem(state.alipayKeys.publicKey),
    trades: state.trades,
    notifications: state.notifier.sent,
    trade: (outTradeNo) => tradeOf(state, outTradeNo),
    async openPage(pageUrl) {
      const response = await fetch(pageUrl);
      const text = await response.text();
      if (!response.ok)
        throw new Error(`the emulated cashier refused the page: ${text.replace(/<[^>]+>/g, ' ').trim()}`);
      return text;
    },
    scan: (outTradeNo) => scanTrade(state, outTradeNo),
    pay: (outTradeNo, { delivery } = {}) => payTrade(state, outTradeNo, delivery),
    decline: (outTradeNo) => declineTrade(state, outTradeNo),
    closeTrade: (outTradeNo, { delivery } = {}) => closeTrade(state, outTradeNo, delivery),
    async refund(outTradeNo, { delivery, amount, outRequestNo } = {}) {
      const fen = amount === undefined ? undefined : yuanToFen(amount);
      if (amount !== undefined && fen === undefined) throw new TypeError(`refund amount ${amount}: yuan, two decimals`);
      const requestNo = outRequestNo ?? `rf${state.now()}${Math.random().toString(36).slice(2, 8)}`;
      return (await refundTrade(state, outTradeNo, fen, requestNo, delivery)).notification;
    },
    redeliver: (notification) => state.notifier.deliver(notification),
    releaseHeld: () => state.notifier.releaseHeld(),
    async forge(notification, { changes = {}, signer = 'stranger' } = {}) {
      const changed = { ...notification.params, ...changes };
      const params =
        signer === 'stranger'
          ? signNotification(changed, stranger.privateKey)
          : { ...changed, sign: notification.params.sign! };
      const response = await fetch(notification.url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
        body: formBody(params),
      });
      return { status: response.status, answer: await response.text() };
    },
    sendSigned: (url, params, { delivery = 'send' } = {}) =>
      state.notifier.notify(
        url,
        signNotification({ sign_type: 'RSA2', ...params }, state.alipayKeys.privateKey),
        delivery,
      ),
    close: () =>
      new Promise<void>((resolve) => {
        state.notifier.stop();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
