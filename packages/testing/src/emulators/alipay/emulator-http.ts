import type { IncomingMessage, ServerResponse } from 'node:http';
import { rsa2Sign, signContent } from './alipay-signing.js';
import { beijingTime, fenToYuan, yuanToFen } from './alipay-values.js';
import type { EmulatedTrade } from './emulated-trade.js';
import { AlipayEmulatorError, type EmulatorState } from './emulator-state.js';
import { cashierPage, errorPage, scannedPage } from './emulator-pages.js';
import { isApiMethod, openTrade, runApiMethod } from './gateway-methods.js';
import { gatewayParams, isRefusal, verifyGatewayRequest } from './gateway-request.js';
import { signedAnswer } from './gateway-response.js';
import type { Delivery } from './notifier.js';
import { tradeBillZip } from './trade-bill.js';
import { closeTrade, declineTrade, payTrade, refundTrade, scanTrade, tradeOf } from './trade-operations.js';

const MAX_BODY = 64 * 1024;

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new AlipayEmulatorError('isv.body-too-large', 'the body is over 64 KiB');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function send(response: ServerResponse, status: number, body: string, type: string): void {
  response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
}
const json = (response: ServerResponse, status: number, body: unknown) =>
  send(response, status, JSON.stringify(body), 'application/json; charset=utf-8');
const html = (response: ServerResponse, status: number, body: string) =>
  send(response, status, body, 'text/html; charset=utf-8');

/** Alipay's synchronous return after page pay: the buyer's browser goes to `return_url` with these, signed. */
function returnUrlOf(state: EmulatorState, trade: EmulatedTrade): string | undefined {
  if (trade.returnUrl === undefined) return undefined;
  const params: Record<string, string> = {
    charset: 'utf-8',
    out_trade_no: trade.outTradeNo,
    method: 'alipay.trade.page.pay.return',
    total_amount: fenToYuan(trade.totalFen),
    trade_no: trade.tradeNo,
    auth_app_id: state.appId,
    version: '1.0',
    app_id: state.appId,
    sign_type: 'RSA2',
    seller_id: '2088721000000000',
    timestamp: beijingTime(state.now()),
  };
  params.sign = rsa2Sign(signContent(params, ['sign', 'sign_type']), state.alipayKeys.privateKey);
  const url = new URL(trade.returnUrl);
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return url.href;
}

/** `/gateway.do`: the merchant's signed requests — API calls answered in signed JSON, page pay with the cashier. */
async function gateway(state: EmulatorState, request: IncomingMessage, response: ServerResponse, url: URL) {
  const body = request.method === 'POST' ? await readBody(request) : '';
  const params = gatewayParams(url, body);
  const method = isRefusal(params) ? '' : (params.method ?? '');
  const verified = isRefusal(params) ? params : verifyGatewayRequest(params, state.appId, state.appPublicKey);
  if (method === 'alipay.trade.page.pay') {
    if (isRefusal(verified)) return html(response, 400, errorPage(`${verified.subCode}: ${verified.subMsg}`));
    try {
      return html(response, 200, cashierPage(openTrade(state, verified, 'FAST_INSTANT_TRADE_PAY')));
    } catch (error) {
      if (error instanceof AlipayEmulatorError)
        return html(response, 400, errorPage(`${error.subCode}: ${error.message}`));
      throw error;
    }
  }
  const answerMethod = method !== '' && (isApiMethod(method) || isRefusal(verified)) ? method : 'error';
  const answer = isRefusal(verified)
    ? { code: verified.code, msg: verified.msg, sub_code: verified.subCode, sub_msg: verified.subMsg }
    : isApiMethod(method)
      ? await runApiMethod(state, verified)
      : { code: '40004', msg: 'Business Failed', sub_code: 'isv.invalid-method', sub_msg: `${method} is not emulated` };
  // Alipay answers its API with 200 whatever the business outcome: the code is in the signed body.
  send(response, 200, signedAnswer(answerMethod, answer, state.alipayKeys.privateKey), 'text/html;charset=utf-8');
}

function deliveryOf(body: Record<string, unknown>): Delivery {
  const delivery = body.delivery ?? 'send';
  if (delivery !== 'send' && delivery !== 'hold' && delivery !== 'drop')
    throw new AlipayEmulatorError('isv.invalid-delivery', 'delivery: send, hold or drop');
  return delivery;
}

const publicTrade = (trade: EmulatedTrade) => ({
  ...trade,
  refunds: Object.fromEntries(trade.refunds),
  totalAmount: fenToYuan(trade.totalFen),
});

/** `/__emulator/…`: what a test (or a studio's page) does in place of the buyer, the merchant's console, or time. */
async function testRoute(state: EmulatorState, request: IncomingMessage, response: ServerResponse, url: URL) {
  const trade = /^\/__emulator\/trades\/([^/]+)(?:\/(scan|pay|decline|close|refund))?$/.exec(url.pathname);
  const body = request.method === 'POST' ? JSON.parse((await readBody(request)) || '{}') : {};
  if (trade) {
    const outTradeNo = decodeURIComponent(trade[1]!);
    const action = trade[2];
    if (action === undefined && request.method === 'GET')
      return json(response, 200, publicTrade(tradeOf(state, outTradeNo)));
    if (request.method !== 'POST') return json(response, 405, { error: 'POST' });
    if (action === 'scan') return json(response, 200, publicTrade(scanTrade(state, outTradeNo)));
    if (action === 'decline') return json(response, 200, publicTrade(declineTrade(state, outTradeNo)));
    if (action === 'pay') {
      const notification = await payTrade(state, outTradeNo, deliveryOf(body));
      const returnUrl = returnUrlOf(state, tradeOf(state, outTradeNo));
      return json(response, 200, { notification, ...(returnUrl ? { returnUrl } : {}) });
    }
    if (action === 'close')
      return json(response, 200, { notification: await closeTrade(state, outTradeNo, deliveryOf(body)) });
    if (action === 'refund') {
      const fen = body.amount === undefined ? undefined : yuanToFen(String(body.amount));
      if (body.amount !== undefined && fen === undefined)
        throw new AlipayEmulatorError('ACQ.INVALID_PARAMETER', 'amount: yuan, two decimals');
      const outRequestNo = typeof body.outRequestNo === 'string' ? body.outRequestNo : `rf${state.now()}`;
      const result = await refundTrade(state, outTradeNo, fen, outRequestNo, deliveryOf(body));
      return json(response, 200, { notification: result.notification, repeated: result.repeated });
    }
  }
  if (url.pathname === '/__emulator/notifications' && request.method === 'GET')
    return json(response, 200, { notifications: state.notifier.sent });
  if (url.pathname === '/__emulator/notifications/release' && request.method === 'POST')
    return json(response, 200, { notifications: await state.notifier.releaseHeld() });
  const redeliver = /^\/__emulator\/notifications\/(\d+)\/deliver$/.exec(url.pathname);
  const notification = redeliver ? state.notifier.sent[Number(redeliver[1]) - 1] : undefined;
  if (notification && request.method === 'POST') return json(response, 200, await state.notifier.deliver(notification));
  return json(response, 404, { error: 'no such emulator route' });
}

/** The emulator's request handler: the gateway, the scanned-QR page, and the test routes. */
export function emulatorHandler(state: EmulatorState) {
  return (request: IncomingMessage, response: ServerResponse): void => {
    const url = new URL(request.url ?? '/', state.url);
    void (async () => {
      if (url.pathname === '/gateway.do') return gateway(state, request, response, url);
      const qr = /^\/qr\/(\d+)$/.exec(url.pathname);
      if (qr && request.method === 'GET') {
        const trade = [...state.trades.values()].find((candidate) => candidate.tradeNo === qr[1]);
        if (!trade) return html(response, 404, errorPage('no such QR code'));
        return html(response, 200, scannedPage(scanTrade(state, trade.outTradeNo)));
      }
      if (url.pathname === '/downloadBillFile.resource' && request.method === 'GET') {
        const date = url.searchParams.get('billDate') ?? '';
        if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return json(response, 404, { error: 'no such bill' });
        const zip = tradeBillZip(state, date);
        return void response.writeHead(200, { 'content-type': 'application/octet-stream' }).end(zip);
      }
      if (url.pathname.startsWith('/__emulator/')) return testRoute(state, request, response, url);
      return json(response, 404, { error: 'not found' });
    })().catch((error: unknown) => {
      if (response.headersSent) return;
      if (error instanceof AlipayEmulatorError)
        return json(response, 409, { error: `${error.subCode}: ${error.message}` });
      json(response, error instanceof SyntaxError ? 400 : 500, { error: String(error) });
    });
  };
}
