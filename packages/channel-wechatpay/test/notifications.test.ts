import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { craftNotification, createBill, postNotification } from './notify-helpers.js';
import { startWechatPayStack, type WechatPayStack } from './wechatpay-stack.js';

// What the driver refuses at POST /v1/notify/wechatpay, through a real pay server: each refusal answers 400
// INVALID_NOTIFICATION (WeChat Pay retries a non-2xx) and leaves the bill as it was.
let stack: WechatPayStack;
beforeAll(async () => void (stack = await startWechatPayStack({ query: { checkpointsMs: [], afterExpiryMs: false } })));
afterAll(() => stack.close());

const paidResource = (billId: string, overrides: Record<string, unknown> = {}) => ({
  appid: stack.emulator.merchant.appid,
  mchid: stack.emulator.merchant.mchid,
  out_trade_no: billId,
  transaction_id: '4200000000000000000000000001',
  trade_type: 'NATIVE',
  trade_state: 'SUCCESS',
  amount: { total: 600, payer_total: 600, currency: 'CNY', payer_currency: 'CNY' },
  ...overrides,
});

describe('forged notifications', () => {
  const FORGERIES = {
    'wrong-key': 'bad Wechatpay-Signature',
    'unknown-serial': 'unknown Wechatpay-Serial',
    'tampered-body': 'bad Wechatpay-Signature',
    'signature-probe': 'a WeChat Pay signature probe (it must fail)',
    'wrong-apiv3-key': 'the resource does not decrypt with the APIv3 key',
  } as const;
  for (const [forgery, reason] of Object.entries(FORGERIES) as Array<[keyof typeof FORGERIES, string]>) {
    it(`refuses a payment notification with ${forgery} and leaves the bill created`, async () => {
      const { bill } = await createBill(stack, `forged-${forgery}`);
      await expect(stack.emulator.forge(bill.id, forgery)).resolves.toBe(400);
      expect(stack.refusals.at(-1)).toContain(reason);
      expect((await stack.bill(bill.id)).state).toBe('created');
    });
  }

  it('refuses a notification without WeChat Pay’s signature headers', async () => {
    const { bill } = await createBill(stack, 'unsigned');
    const { body } = craftNotification(stack, { eventType: 'TRANSACTION.SUCCESS', resource: paidResource(bill.id) });
    const answer = await postNotification(stack, { body, headers: { 'content-type': 'application/json' } });
    expect(answer).toEqual({ status: 400, code: 'INVALID_NOTIFICATION' });
    expect((await stack.bill(bill.id)).state).toBe('created');
  });

  it('refuses a signed body that is not JSON', async () => {
    const answer = await postNotification(
      stack,
      craftNotification(stack, { eventType: '', resource: {}, rawBody: 'success' }),
    );
    expect(answer).toEqual({ status: 400, code: 'INVALID_NOTIFICATION' });
  });
});

describe('replayed and stale notifications', () => {
  it('answers a replay within five minutes 2xx without a change, and refuses the same bytes once they are older', async () => {
    const { bill, launch } = await createBill(stack, 'replayed');
    const sent = (await stack.emulator.scan(launch.codeUrl))!;
    expect((await stack.bill(bill.id)).state).toBe('paid');
    await expect(stack.emulator.replay(sent)).resolves.toBe(204);
    stack.clock.advance(5 * 60_000 + 2_000);
    await expect(stack.emulator.replay(sent)).resolves.toBe(400);
    expect(stack.refusals.at(-1)).toMatch(/^Wechatpay-Timestamp is 30\d s away from the server's clock$/);
    // A retry WeChat Pay signs afresh is still taken (and changes nothing).
    await expect(stack.emulator.resend(sent)).resolves.toBe(204);
    expect((await stack.bill(bill.id)).state).toBe('paid');
  });

  it('refuses a signature whose timestamp is more than five minutes away, either way', async () => {
    const { bill } = await createBill(stack, 'stale');
    const resource = paidResource(bill.id);
    const nowSeconds = Math.floor(stack.clock.now() / 1000);
    for (const skew of [-301, 301]) {
      const answer = await postNotification(
        stack,
        craftNotification(stack, { eventType: 'TRANSACTION.SUCCESS', resource }, nowSeconds + skew),
      );
      expect(answer).toEqual({ status: 400, code: 'INVALID_NOTIFICATION' });
    }
    expect((await stack.bill(bill.id)).state).toBe('created');
  });
});

describe('signed notifications the pay server still refuses or ignores', () => {
  it('refuses a signed payment of another amount, another currency or for another merchant', async () => {
    const { bill } = await createBill(stack, 'mismatch');
    for (const overrides of [
      { amount: { total: 1, currency: 'CNY' } },
      { amount: { total: 600, currency: 'USD' } },
      { mchid: '1900000000' },
      { appid: 'wx0000000000000000' },
    ]) {
      const resource = paidResource(bill.id, overrides);
      const answer = await postNotification(
        stack,
        craftNotification(stack, { eventType: 'TRANSACTION.SUCCESS', resource }),
      );
      expect(answer).toEqual({ status: 400, code: 'INVALID_NOTIFICATION' });
    }
    expect((await stack.bill(bill.id)).state).toBe('created');
  });

  it('answers 404 for a signed payment of a bill the pay server does not know', async () => {
    const resource = paidResource('b_unknownBillOfThisTest');
    const answer = await postNotification(
      stack,
      craftNotification(stack, { eventType: 'TRANSACTION.SUCCESS', resource }),
    );
    expect(answer).toEqual({ status: 404, code: 'BILL_NOT_FOUND' });
  });

  it('answers 200 ignored for a signed event type it does not map, and changes nothing', async () => {
    const { bill } = await createBill(stack, 'ignored');
    const resource = { mchid: stack.emulator.merchant.mchid, out_trade_no: bill.id, refund_status: 'ABNORMAL' };
    const response = await fetch(`${stack.url}/v1/notify/wechatpay`, {
      method: 'POST',
      ...(({ body, headers }) => ({ body, headers }))(
        craftNotification(stack, { eventType: 'REFUND.ABNORMAL', resource }),
      ),
    });
    expect(response.status).toBe(200);
    await expect(response.json()).resolves.toEqual({ ok: true, ignored: true });
    expect((await stack.bill(bill.id)).state).toBe('created');
  });
});
