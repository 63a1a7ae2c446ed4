import { createDecipheriv, createHmac, createSign, createVerify } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWechatPayEmulator, type WechatPayEmulator } from './index.js';

// The emulator as a merchant sees it: signed requests in, signed answers and notifications out, test routes.
let emulator: WechatPayEmulator;
let receiver: Server;
let notifyUrl: string;
let answerStatus = 204;
const received: Array<{ headers: Record<string, string>; body: string }> = [];

beforeAll(async () => {
  emulator = await startWechatPayEmulator();
  receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers as Record<string, string>, body: Buffer.concat(chunks).toString() });
      response.writeHead(answerStatus).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  notifyUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/notify`;
});
afterAll(async () => {
  await emulator.stop();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

/** A merchant request, signed as the v3 API requires (or not, or wrongly). */
async function call(method: string, url: string, body?: unknown, sign: 'yes' | 'no' | 'stale' | 'serial' = 'yes') {
  const text = body === undefined ? '' : JSON.stringify(body);
  const timestamp = Math.floor(Date.now() / 1000) - (sign === 'stale' ? 600 : 0);
  const { mchid, serialNo, privateKey } = emulator.merchant;
  const signature = createSign('RSA-SHA256')
    .update(`${method}\n${url}\n${timestamp}\nNONCE\n${text}\n`)
    .sign(privateKey, 'base64');
  const serial = sign === 'serial' ? 'ABCDEF' : serialNo;
  const authorization = `WECHATPAY2-SHA256-RSA2048 mchid="${mchid}",nonce_str="NONCE",signature="${signature}",timestamp="${timestamp}",serial_no="${serial}"`;
  const response = await fetch(emulator.url + url, {
    method,
    headers: { ...(sign === 'no' ? {} : { authorization }), 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: text }),
  });
  const answer = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    text: answer,
    body: answer ? JSON.parse(answer) : undefined,
  };
}

/** Whether an answer or notification carries the platform key's signature over its exact body. */
function signedByWechatPay(headers: { get(name: string): string | null }, body: string): boolean {
  return createVerify('RSA-SHA256')
    .update(`${headers.get('wechatpay-timestamp')}\n${headers.get('wechatpay-nonce')}\n${body}\n`)
    .verify(emulator.platformKey.publicKey, headers.get('wechatpay-signature') ?? '', 'base64');
}

const order = (no: string, total = 600) => ({
  appid: emulator.merchant.appid,
  mchid: emulator.merchant.mchid,
  description: '宝石',
  out_trade_no: no,
  time_expire: new Date(Date.now() + 600_000).toISOString().replace(/\.\d+Z$/, '+00:00'),
  notify_url: notifyUrl,
  amount: { total, currency: 'CNY' },
});

describe('requests', () => {
  it('refuses an unsigned, stale or wrong-serial request with 401 SIGN_ERROR, in a signed answer', async () => {
    for (const sign of ['no', 'stale', 'serial'] as const) {
      const answer = await call('POST', '/v3/pay/transactions/native', order(`o_refused_${sign}`), sign);
      expect(answer).toMatchObject({ status: 401, body: { code: 'SIGN_ERROR' } });
      expect(signedByWechatPay(answer.headers, answer.text)).toBe(true);
    }
    expect([...emulator.orders.keys()].filter((no) => no.startsWith('o_refused'))).toEqual([]);
  });

  it('places a Native order once: the same request answers the same code, a different one INVALID_REQUEST', async () => {
    const first = await call('POST', '/v3/pay/transactions/native', order('o_native_001'));
    expect(first.status).toBe(200);
    expect(first.body.code_url).toMatch(/^weixin:\/\/wxpay\/bizpayurl\?pr=\w+$/);
    expect(first.headers.get('wechatpay-serial')).toBe(emulator.platformKey.id);
    expect(signedByWechatPay(first.headers, first.text)).toBe(true);
    expect((await call('POST', '/v3/pay/transactions/native', order('o_native_001'))).body).toEqual(first.body);
    const changed = await call('POST', '/v3/pay/transactions/native', order('o_native_001', 700));
    expect(changed).toMatchObject({ status: 400, body: { code: 'INVALID_REQUEST' } });
    const bad = await call('POST', '/v3/pay/transactions/native', {
      ...order('no'),
      amount: { total: 1, currency: 'USD' },
    });
    expect(bad).toMatchObject({ status: 400, body: { code: 'PARAM_ERROR' } });
  });

  it('answers the order by out_trade_no, 404 ORDER_NOT_EXIST for another, and closes an unpaid one with 204', async () => {
    await call('POST', '/v3/pay/transactions/native', order('o_query_001'));
    const path = (no: string) => `/v3/pay/transactions/out-trade-no/${no}?mchid=${emulator.merchant.mchid}`;
    expect((await call('GET', path('o_query_001'))).body).toMatchObject({
      trade_state: 'NOTPAY',
      amount: { total: 600 },
    });
    expect(await call('GET', path('o_missing_01'))).toMatchObject({ status: 404, body: { code: 'ORDER_NOT_EXIST' } });
    const closed = await call('POST', '/v3/pay/transactions/out-trade-no/o_query_001/close', {
      mchid: emulator.merchant.mchid,
    });
    expect(closed).toMatchObject({ status: 204, text: '' });
    expect(signedByWechatPay(closed.headers, '')).toBe(true);
    expect((await call('GET', path('o_query_001'))).body).toMatchObject({ trade_state: 'CLOSED' });
  });
});

describe('notifications and test routes', () => {
  it('scans and pays through POST /__emulator/scan, notifying a signed TRANSACTION.SUCCESS whose resource decrypts', async () => {
    const { body } = await call('POST', '/v3/pay/transactions/native', order('o_paid_0001'));
    received.length = 0;
    const scan = await fetch(`${emulator.url}/__emulator/scan`, {
      method: 'POST',
      body: JSON.stringify({ codeUrl: body.code_url }),
    });
    expect(await scan.json()).toMatchObject({
      notification: { eventType: 'TRANSACTION.SUCCESS', state: 'delivered', statuses: [204] },
    });
    const [notification] = received;
    const headers = new Headers(notification!.headers);
    expect(signedByWechatPay(headers, notification!.body)).toBe(true);
    const { resource, event_type } = JSON.parse(notification!.body);
    expect(event_type).toBe('TRANSACTION.SUCCESS');
    const sealed = Buffer.from(resource.ciphertext, 'base64');
    const decipher = createDecipheriv(
      'aes-256-gcm',
      Buffer.from(emulator.merchant.apiV3Key),
      Buffer.from(resource.nonce),
    );
    decipher.setAAD(Buffer.from(resource.associated_data));
    decipher.setAuthTag(sealed.subarray(-16));
    const plain = JSON.parse(Buffer.concat([decipher.update(sealed.subarray(0, -16)), decipher.final()]).toString());
    expect(plain).toMatchObject({
      out_trade_no: 'o_paid_0001',
      trade_state: 'SUCCESS',
      amount: { total: 600, currency: 'CNY' },
    });
  });

  it('keeps a notification answered non-2xx as failed and sends it again on retry, with the same id', async () => {
    const { body } = await call('POST', '/v3/pay/transactions/native', order('o_retry_001'));
    answerStatus = 500;
    const sent = (await emulator.scan(body.code_url))!;
    expect(sent).toMatchObject({ state: 'failed' });
    answerStatus = 204;
    received.length = 0;
    const retry = await (await fetch(`${emulator.url}/__emulator/notifications/retry`, { method: 'POST' })).json();
    expect(retry.retried).toEqual([expect.objectContaining({ id: sent.id, state: 'delivered', statuses: [500, 204] })]);
    expect(JSON.parse(received[0]!.body).id).toBe(sent.id);
    expect(received[0]!.headers['wechatpay-signature']).not.toBe(sent.attempts[0]!.headers['wechatpay-signature']);
  });

  it('refunds through POST /__emulator/orders/:no/refund and lists the refunds in the v2 refundquery, signed', async () => {
    const { body } = await call('POST', '/v3/pay/transactions/native', order('o_refund_01'));
    await emulator.scan(body.code_url);
    const refund = await fetch(`${emulator.url}/__emulator/orders/o_refund_01/refund`, {
      method: 'POST',
      body: '{"amount":250}',
    });
    expect(await refund.json()).toMatchObject({ notification: { eventType: 'REFUND.SUCCESS', statuses: [204] } });
    const key = emulator.merchant.apiV2Key;
    const fields: Record<string, string> = {
      appid: emulator.merchant.appid,
      mch_id: emulator.merchant.mchid,
      nonce_str: 'abc',
      out_trade_no: 'o_refund_01',
      sign_type: 'HMAC-SHA256',
    };
    const text = `${Object.keys(fields)
      .sort()
      .map((k) => `${k}=${fields[k]}`)
      .join('&')}&key=${key}`;
    const sign = createHmac('sha256', key).update(text).digest('hex').toUpperCase();
    const xml = (extra: string) =>
      `<xml>${Object.entries(fields)
        .map(([k, v]) => `<${k}>${v}</${k}>`)
        .join('')}<sign>${extra || sign}</sign></xml>`;
    const listed = await (await fetch(`${emulator.url}/pay/refundquery`, { method: 'POST', body: xml('') })).text();
    expect(listed).toContain('<refund_count><![CDATA[1]]></refund_count>');
    expect(listed).toContain('<refund_fee_0><![CDATA[250]]></refund_fee_0>');
    expect(listed).toContain('<refund_status_0><![CDATA[SUCCESS]]></refund_status_0>');
    const forged = await (await fetch(`${emulator.url}/pay/refundquery`, { method: 'POST', body: xml('00') })).text();
    expect(forged).toContain('<return_code><![CDATA[FAIL]]></return_code>');
  });

  it('answers 400 PARAM_ERROR for an unknown forgery or delivery, and 404 for an unknown order', async () => {
    const forge = await fetch(`${emulator.url}/__emulator/orders/o_paid_0001/forge`, {
      method: 'POST',
      body: '{"forgery":"nice"}',
    });
    expect(forge.status).toBe(400);
    const missing = await fetch(`${emulator.url}/__emulator/orders/o_nothing_1`);
    expect(missing.status).toBe(404);
  });
});
