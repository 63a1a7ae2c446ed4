import { generateKeyPairSync } from 'node:crypto';
import type { Bill } from '@coinslot/core';
import { startPayServer } from '@coinslot/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWechatPayDriver, WechatPayApiError } from '../src/server/index.js';
import { createBill, driverVerdict } from './notify-helpers.js';
import { CATALOG, startWechatPayStack, type WechatPayStack } from './wechatpay-stack.js';

// The driver's launch, status route and query against the emulator, through a real pay server where it matters.
let stack: WechatPayStack;
beforeAll(async () => void (stack = await startWechatPayStack({ query: { checkpointsMs: [], afterExpiryMs: false } })));
afterAll(() => stack.close());

const otherPem = () =>
  generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
const otherPublicPem = () =>
  generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' }) as string;
const ctx = () => ({ publicUrl: stack.url, now: stack.clock.now, logger: { info() {}, warn() {}, error() {} } });

describe('launch', () => {
  it('places a signed Native order for the bill and answers the code and the status route, nothing secret', async () => {
    const { bill, launch } = await createBill(stack, 'launch-player');
    const order = stack.emulator.orders.get(bill.id)!;
    expect(order).toMatchObject({
      outTradeNo: bill.id,
      total: CATALOG['gem-pack'].amount,
      currency: 'CNY',
      description: 'gem-pack',
      notifyUrl: `${stack.url}/v1/notify/wechatpay`,
    });
    expect(Date.parse(order.timeExpire)).toBe(
      Math.floor(((await stack.bill(bill.id)).expiresAt as number) / 1000) * 1000,
    );
    expect(Object.keys(launch).sort()).toEqual(['codeUrl', 'statusUrl']);
    expect(launch.codeUrl).toBe(order.codeUrl);
    expect(launch.statusUrl).toMatch(
      new RegExp(`^${stack.url}/v1/wechatpay/bills/${bill.id}/status\\?token=[\\w-]{22}$`),
    );
    const text = JSON.stringify(launch);
    for (const secret of Object.values(stack.emulator.merchant)) expect(text).not.toContain(secret);
  });

  it('rejects when WeChat Pay’s answer does not verify, when WeChat Pay refuses the request, and for a bill not in CNY', async () => {
    const options = stack.emulator.driverOptions();
    const drivers = [
      createWechatPayDriver({ ...options, wechatpayPublicKeys: { [stack.emulator.platformKey.id]: otherPublicPem() } }),
      createWechatPayDriver({ ...options, merchantPrivateKey: otherPem() }),
    ];
    const bill = {
      id: 'b_launchFailure0001',
      amount: 600,
      currency: 'CNY',
      expiresAt: Date.now() + 60_000,
      itemId: 'gem-pack',
      quantity: 1,
    } as Bill;
    await expect(drivers[0]!.launch(bill, ctx())).rejects.toMatchObject({ code: 'UNVERIFIED' });
    await expect(drivers[1]!.launch({ ...bill, id: 'b_launchFailure0002' }, ctx())).rejects.toMatchObject({
      code: 'SIGN_ERROR',
      status: 401,
    });
    await expect(drivers[1]!.launch({ ...bill, currency: 'USD' }, ctx())).rejects.toThrow(/CNY only/);
    expect(stack.emulator.orders.has('b_launchFailure0002')).toBe(false);
  });
});

describe('a failing launch', () => {
  it('fails the create with 500 INTERNAL and stores no bill', async () => {
    const untrusting = createWechatPayDriver({
      ...stack.emulator.driverOptions(),
      wechatpayPublicKeys: { [stack.emulator.platformKey.id]: otherPublicPem() },
    });
    const server = await startPayServer({ auth: { development: true }, drivers: [untrusting], catalog: CATALOG });
    try {
      const created = await fetch(`${server.url}/v1/bills`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': 'launch-failure-0001' },
        body: JSON.stringify({
          userId: 'p-fail',
          itemId: 'gem-pack',
          quantity: 1,
          amount: 600,
          currency: 'CNY',
          channel: 'wechatpay',
        }),
      });
      expect(created.status).toBe(500);
      await expect(created.json()).resolves.toMatchObject({ error: { code: 'INTERNAL' } });
      const listed = await (await fetch(`${server.url}/v1/bills?user=p-fail`)).json();
      expect(listed).toMatchObject({ bills: [] });
    } finally {
      await server.close();
    }
  });
});

describe('the status route', () => {
  it('answers the bill’s state to the holder of the launch payload only', async () => {
    const { bill, launch } = await createBill(stack, 'status-player');
    const ok = await fetch(launch.statusUrl);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('cache-control')).toBe('no-store');
    await expect(ok.json()).resolves.toEqual({ state: 'created' });
    const other = await createBill(stack, 'status-other');
    const token = new URL(other.launch.statusUrl).searchParams.get('token');
    const wrong = await fetch(`${stack.url}/v1/wechatpay/bills/${bill.id}/status?token=${token}`);
    expect(wrong.status).toBe(400);
    await expect(wrong.json()).resolves.toMatchObject({ error: { code: 'INVALID_FIELD', field: 'token' } });
    expect((await fetch(launch.statusUrl, { method: 'POST' })).status).toBe(405);
    expect((await fetch(`${stack.url}/v1/wechatpay/elsewhere`)).status).toBe(404);
  });
});

describe('query', () => {
  const driver = () => createWechatPayDriver(stack.emulator.driverOptions());

  it('answers pending while the order is unpaid, then what WeChat Pay says', async () => {
    const { bill } = await createBill(stack, 'query-player');
    const stored = (await stack.bill(bill.id)) as unknown as Bill;
    await expect(driver().query!(stored, ctx())).resolves.toEqual({ pending: true, reason: 'NOTPAY' });
    stack.emulator.closeOrder(bill.id);
    await expect(driver().query!(stored, ctx())).resolves.toEqual({
      billId: bill.id,
      transition: 'cancelled',
      amount: 600,
      currency: 'CNY',
    });
  });

  it('names a paid order by its transaction_id, in the notification’s verdict and in the query’s answer', async () => {
    const { bill, launch } = await createBill(stack, 'query-paid');
    const sent = (await stack.emulator.scan(launch.codeUrl))!;
    const transactionId = stack.emulator.orders.get(bill.id)!.transactionId;
    expect(transactionId).toMatch(/^42\d{26}$/);
    await expect(driverVerdict(stack, sent)).resolves.toMatchObject({
      transition: 'paid',
      channelTradeNo: transactionId,
    });
    const stored = (await stack.bill(bill.id)) as unknown as Bill;
    await expect(driver().query!(stored, ctx())).resolves.toEqual({
      billId: bill.id,
      transition: 'paid',
      amount: 600,
      currency: 'CNY',
      channelTradeNo: transactionId,
    });
  });

  it('answers pending for an order WeChat Pay does not know', async () => {
    const unknown = { id: 'b_neverOrdered0001', amount: 600, currency: 'CNY' } as Bill;
    await expect(driver().query!(unknown, ctx())).resolves.toEqual({ pending: true, reason: 'ORDER_NOT_EXIST' });
  });

  it('throws when WeChat Pay’s answer does not verify (the server asks again later)', async () => {
    const { bill } = await createBill(stack, 'query-unverified');
    const untrusting = createWechatPayDriver({
      ...stack.emulator.driverOptions(),
      wechatpayPublicKeys: { [stack.emulator.platformKey.id]: otherPublicPem() },
    });
    const error = await untrusting.query!((await stack.bill(bill.id)) as unknown as Bill, ctx()).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(WechatPayApiError);
    expect(error).toMatchObject({ code: 'UNVERIFIED' });
  });
});
