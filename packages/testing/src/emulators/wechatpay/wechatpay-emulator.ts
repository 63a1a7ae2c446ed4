import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerControl } from './control-routes.js';
import { EmulatorActions, type ScanResult } from './emulator-actions.js';
import {
  newMerchant,
  newPlatformKey,
  randomText,
  type EmulatedMerchant,
  type EmulatedPlatformKey,
} from './emulator-credentials.js';
import type { EmulatedOrder } from './emulated-order.js';
import { Notifier, type Delivery, type Forgery, type SentNotification } from './notifier.js';
import { OrderBook, WechatPayRefusal } from './order-book.js';
import { signAsWechatPay } from './platform-signing.js';
import { answerV3 } from './v3-api.js';
import { answerRefundQuery } from './v2-refund-query.js';

/** Options of {@link startWechatPayEmulator}. */
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

async function readText(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function send(response: ServerResponse, status: number, body: string, headers: Record<string, string>): void {
  response.writeHead(status, headers).end(body);
}

/**
 * Start a WeChat Pay API v3 emulator on loopback, with fresh test credentials: it verifies the merchant's request
 * signatures with the merchant's public key, answers the subset of the API the Coinslot driver uses (Native order,
 * query, close, refunds, and API v2 `refundquery`) signed with its own platform key (WeChat Pay public key mode), and
 * sends notifications with encrypted resources (APIv3 key) and signed headers. Test routes under `/__emulator/` (and
 * the methods of the answer) play the player, the merchant's staff and a faulty network.
 */
export async function startWechatPayEmulator(options: WechatPayEmulatorOptions = {}): Promise<WechatPayEmulator> {
  const now = options.now ?? Date.now;
  const merchant = options.merchant ?? newMerchant();
  const platformKey = options.platformKey ?? newPlatformKey();
  const book = new OrderBook(merchant, now);
  const notifier = new Notifier(platformKey, merchant, now);
  const actions = new EmulatorActions(book, notifier, now);
  const refunded = async (outTradeNo: string, outRefundNo: string) =>
    void (await actions.notifyRefund(book.get(outTradeNo), outRefundNo));

  const server = createServer((request, response) => {
    void (async () => {
      const url = request.url ?? '/';
      const path = url.split('?')[0]!;
      const method = request.method ?? 'GET';
      const body = await readText(request);
      if (path.startsWith('/__emulator/')) {
        const parsed = body === '' ? {} : (JSON.parse(body) as Record<string, unknown>);
        const answer = await answerControl(method, path, parsed, { book, notifier, actions }).catch((error) => {
          if (error instanceof WechatPayRefusal)
            return { status: error.status, body: { code: error.code, message: error.message } };
          throw error;
        });
        const { status, body: out } = answer ?? { status: 404, body: { code: 'NOT_FOUND', message: path } };
        return send(response, status, JSON.stringify(out), { 'content-type': 'application/json' });
      }
      if (method === 'POST' && path === '/pay/refundquery')
        return send(response, 200, answerRefundQuery(body, merchant, book), { 'content-type': 'text/xml' });
      const authorization = request.headers.authorization;
      const answer = await answerV3({ method, url, authorization, body }, { merchant, book, now, refunded });
      const { status, body: out } = answer ?? { status: 404, body: { code: 'NOT_FOUND', message: `no API ${path}` } };
      const text = out === undefined ? '' : JSON.stringify(out);
      send(response, status, text, {
        ...(text === '' ? {} : { 'content-type': 'application/json' }),
        'request-id': randomText(32),
        ...signAsWechatPay(platformKey, text, Math.floor(now() / 1000)),
      });
    })().catch((error: unknown) => {
      if (!response.headersSent)
        send(response, 500, JSON.stringify({ code: 'SYSTEM_ERROR', message: String(error) }), {
          'content-type': 'application/json',
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    merchant,
    platformKey,
    driverOptions: () => ({
      mchid: merchant.mchid,
      appid: merchant.appid,
      merchantSerialNo: merchant.serialNo,
      merchantPrivateKey: merchant.privateKey,
      apiV3Key: merchant.apiV3Key,
      apiV2Key: merchant.apiV2Key,
      wechatpayPublicKeys: { [platformKey.id]: platformKey.publicKey },
      baseUrl: url,
    }),
    orders: book.orders,
    notifications: notifier.sent,
    scan: (codeUrl, scan = {}) => actions.scan(codeUrl, scan.result, scan.delivery),
    closeOrder: (outTradeNo) => book.close(book.get(outTradeNo)),
    refund: (outTradeNo, refund = {}) => actions.refund(outTradeNo, refund.amount, refund.delivery),
    complain: (outTradeNo, complaint = {}) => actions.complain(outTradeNo, complaint.delivery),
    resend: (notification) => notifier.attempt(notification),
    replay: (notification) => notifier.replay(notification),
    forge: (outTradeNo, forgery) => actions.forge(outTradeNo, forgery),
    retryUndelivered: () => notifier.retryUndelivered(),
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
