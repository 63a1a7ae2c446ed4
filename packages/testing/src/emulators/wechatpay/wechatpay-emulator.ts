import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerControl } from './control-routes.js';
import { EmulatorActions } from './emulator-actions.js';
import { newMerchant, newPlatformKey, randomText } from './emulator-credentials.js';
import { Notifier } from './notifier.js';
import { OrderBook, WechatPayRefusal } from './order-book.js';
import { signAsWechatPay } from './platform-signing.js';
import { answerV3 } from './v3-api.js';
import { answerBill } from './trade-bill.js';
import { answerRefundQuery } from './v2-refund-query.js';
import type { WechatPayEmulator, WechatPayEmulatorOptions } from './wechatpay-emulator-types.js';

export type {
  WechatPayEmulator,
  WechatPayEmulatorDriverOptions,
  WechatPayEmulatorOptions,
} from './wechatpay-emulator-types.js';

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
      const origin = `http://${request.headers.host ?? '127.0.0.1'}`;
      const bill = answerBill({ method, url, authorization, body }, { merchant, book, now, origin });
      if (bill && 'file' in bill)
        return response
          .writeHead(200, { 'content-type': bill.gzip ? 'application/gzip' : 'text/plain; charset=utf-8' })
          .end(bill.file);
      const answer = bill ?? (await answerV3({ method, url, authorization, body }, { merchant, book, now, refunded }));
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
