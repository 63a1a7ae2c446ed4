import { createPrivateKey, createPublicKey, createSign, createVerify, generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AlipayEmulator, startAlipayEmulator } from './index.js';

// The emulator on its own, spoken to as a merchant would without the SDK: requests signed by hand with the app key,
// answers and notifications verified by hand with the "Alipay public key" it publishes.
let emulator: AlipayEmulator;
let merchant: Server;
const received: Array<Record<string, string>> = [];
let answerWith = 'success';
let notifyUrl = '';

beforeAll(async () => {
  emulator = await startAlipayEmulator();
  merchant = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => void (body += chunk));
    request.on('end', () => {
      received.push(Object.fromEntries(new URLSearchParams(body)));
      response.end(answerWith);
    });
  });
  await new Promise<void>((resolve) => merchant.listen(0, '127.0.0.1', resolve));
  notifyUrl = `http://127.0.0.1:${(merchant.address() as AddressInfo).port}/notify`;
});
afterAll(async () => {
  await emulator.close();
  await new Promise((resolve) => merchant.close(resolve));
});

const sortedContent = (params: Record<string, string>, excluded: string[]) =>
  Object.keys(params)
    .filter((key) => !excluded.includes(key) && params[key] !== '')
    .sort()
    .map((key) => `${key}=${params[key]}`)
    .join('&');

/** A signed gateway request, as the SDK builds one: common parameters in the URL, biz_content in the form. */
async function call(method: string, biz: Record<string, unknown>, extra: Record<string, string> = {}, key?: string) {
  const params: Record<string, string> = {
    app_id: emulator.appId,
    method,
    charset: 'utf-8',
    sign_type: 'RSA2',
    timestamp: '2026-12-06 12:00:00',
    version: '1.0',
    biz_content: JSON.stringify(biz),
    ...extra,
  };
  const privateKey = createPrivateKey(key ?? emulator.appPrivateKey!);
  params.sign = createSign('RSA-SHA256')
    .update(sortedContent(params, ['sign']))
    .sign(privateKey, 'base64');
  const response = await fetch(emulator.gateway, { method: 'POST', body: new URLSearchParams(params) });
  const text = await response.text();
  const member = `${method.replace(/\./g, '_')}_response`;
  const inner = text.slice(text.indexOf(':') + 1, text.lastIndexOf(',"sign"'));
  const sign = JSON.parse(text).sign as string;
  const verified = createVerify('RSA-SHA256')
    .update(inner)
    .verify(createPublicKey(emulator.alipayPublicKey), sign, 'base64');
  return { verified, answer: JSON.parse(text)[member] as Record<string, string> };
}

const order = (outTradeNo: string) => ({ out_trade_no: outTradeNo, total_amount: '8.80', subject: 'Gems' });

describe('the Alipay emulator', () => {
  it('answers a signed precreate with a qr_code, in a <method>_response signed with its Alipay key', async () => {
    const { verified, answer } = await call('alipay.trade.precreate', order('o_1'), { notify_url: notifyUrl });
    expect(verified).toBe(true);
    expect(answer).toMatchObject({ code: '10000', msg: 'Success', out_trade_no: 'o_1' });
    expect(answer.qr_code).toMatch(/\/qr\/\d{28}$/);
  });

  it('refuses a request signed with another key (isv.invalid-signature), still signing its answer', async () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
      type: 'pkcs8',
      format: 'pem',
    });
    const { verified, answer } = await call('alipay.trade.query', { out_trade_no: 'o_1' }, {}, other.toString());
    expect(verified).toBe(true);
    expect(answer).toMatchObject({ code: '40002', sub_code: 'isv.invalid-signature' });
  });

  it('does not know a precreated trade before the scan, then reports WAIT_BUYER_PAY, then TRADE_SUCCESS', async () => {
    await call('alipay.trade.precreate', order('o_2'), { notify_url: notifyUrl });
    expect((await call('alipay.trade.query', { out_trade_no: 'o_2' })).answer).toMatchObject({
      code: '40004',
      sub_code: 'ACQ.TRADE_NOT_EXIST',
    });
    await fetch(`${emulator.url}/qr/${emulator.trade('o_2').tradeNo}`);
    expect((await call('alipay.trade.query', { out_trade_no: 'o_2' })).answer.trade_status).toBe('WAIT_BUYER_PAY');
    await emulator.pay('o_2');
    expect((await call('alipay.trade.query', { out_trade_no: 'o_2' })).answer).toMatchObject({
      trade_status: 'TRADE_SUCCESS',
      total_amount: '8.80',
    });
  });

  it('notifies with a form signed over every parameter but sign and sign_type, and records the merchant’s answer', async () => {
    const notification = received.find((params) => params.out_trade_no === 'o_2')!;
    const { sign, ...rest } = notification;
    const content = sortedContent(rest, ['sign_type']);
    expect(
      createVerify('RSA-SHA256').update(content).verify(createPublicKey(emulator.alipayPublicKey), sign!, 'base64'),
    ).toBe(true);
    expect(notification).toMatchObject({
      notify_type: 'trade_status_sync',
      trade_status: 'TRADE_SUCCESS',
      sign_type: 'RSA2',
    });
    expect(emulator.notifications.find((sent) => sent.params.out_trade_no === 'o_2')?.acknowledged).toBe(true);
  });

  it('refunds through alipay.trade.refund once per out_request_no, notifying the running total; a full refund closes the trade', async () => {
    const first = await call('alipay.trade.refund', {
      out_trade_no: 'o_2',
      refund_amount: '3.00',
      out_request_no: 'r1',
    });
    expect(first.answer).toMatchObject({ code: '10000', refund_fee: '3.00' });
    await call('alipay.trade.refund', { out_trade_no: 'o_2', refund_amount: '3.00', out_request_no: 'r1' });
    const rest = await call('alipay.trade.refund', {
      out_trade_no: 'o_2',
      refund_amount: '5.80',
      out_request_no: 'r2',
    });
    expect(rest.answer.refund_fee).toBe('8.80');
    const refunds = received.filter((params) => params.out_trade_no === 'o_2' && params.refund_fee);
    expect(refunds.map((params) => [params.refund_fee, params.trade_status])).toEqual([
      ['3.00', 'TRADE_SUCCESS'],
      ['8.80', 'TRADE_CLOSED'],
    ]);
    const tooMuch = await call('alipay.trade.refund', {
      out_trade_no: 'o_2',
      refund_amount: '0.01',
      out_request_no: 'r3',
    });
    expect(tooMuch.answer.code).toBe('40004');
  });

  it('retries a notification not answered "success" on the schedule given, with the same bytes', async () => {
    const retrying = await startAlipayEmulator({ retryDelaysMs: [20, 20] });
    try {
      answerWith = 'fail';
      const sent = await retrying.sendSigned(notifyUrl, { notify_type: 'trade_status_sync', out_trade_no: 'o_r' });
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(sent.attempts.map((attempt) => attempt.answer)).toEqual(['fail', 'fail', 'fail']);
      const bodies = received.filter((params) => params.out_trade_no === 'o_r').map((params) => params.sign);
      expect(new Set(bodies).size).toBe(1);
    } finally {
      answerWith = 'success';
      await retrying.close();
    }
  });

  it('serves the cashier for a signed page-pay URL and refuses one whose order was changed', async () => {
    const params: Record<string, string> = {
      app_id: emulator.appId,
      method: 'alipay.trade.page.pay',
      charset: 'utf-8',
      sign_type: 'RSA2',
      timestamp: '2026-12-06 12:00:00',
      version: '1.0',
      return_url: 'http://127.0.0.1:9/return',
      biz_content: JSON.stringify({ ...order('o_3'), product_code: 'FAST_INSTANT_TRADE_PAY' }),
    };
    params.sign = createSign('RSA-SHA256')
      .update(sortedContent(params, ['sign']))
      .sign(createPrivateKey(emulator.appPrivateKey!), 'base64');
    const url = `${emulator.gateway}?${new URLSearchParams(params)}`;
    expect(await emulator.openPage(url)).toContain('¥8.80');
    const changed = url.replace('8.80', '0.01');
    await expect(emulator.openPage(changed)).rejects.toThrow(/isv.invalid-signature/);
    const paid = await fetch(`${emulator.url}/__emulator/trades/o_3/pay`, { method: 'POST', body: '{}' });
    const { returnUrl } = (await paid.json()) as { returnUrl: string };
    expect(new URL(returnUrl).searchParams.get('out_trade_no')).toBe('o_3');
    expect(new URL(returnUrl).searchParams.get('method')).toBe('alipay.trade.page.pay.return');
  });
});
