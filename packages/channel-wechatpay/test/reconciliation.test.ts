import { readFileSync } from 'node:fs';
import { generateAdminKey } from '@coinslot/server';
import { itemKinds, type ReconciliationAnswer, reconciliationAdmin, settlementNoon } from '@coinslot/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWechatPayDriver } from '../src/server/index.js';
import { createBill, driverVerdict } from './notify-helpers.js';
import { startWechatPayStack, type WechatPayStack } from './wechatpay-stack.js';

// Reconciliation of WeChat Pay (docs/reconciliation.md): the pay server fetches the day's trade bill from the
// emulator (GET /v3/bill/tradebill, then the signed download, gzip, SHA1-checked), or reads an uploaded bill.
const ADMIN_KEY = generateAdminKey();
const HOUR = 3_600_000;
let stack: WechatPayStack;
let date: string;

beforeAll(async () => {
  stack = await startWechatPayStack({
    admin: { keys: [ADMIN_KEY] },
    query: { checkpointsMs: [], afterExpiryMs: false },
  });
  // China noon of the next day on the shared clock, far from either midnight (no line is deferred a day).
  const now = stack.clock.now();
  const noon = settlementNoon(now, 8);
  stack.clock.advance(noon.at - now);
  date = noon.date;
});
afterAll(() => stack.close());

const admin = reconciliationAdmin(() => stack.url, ADMIN_KEY);

async function paidBill(delivery?: 'drop') {
  const { bill, launch } = await createBill(stack, `player-${Math.random().toString(36).slice(2)}`);
  await stack.emulator.scan(launch.codeUrl, { ...(delivery && { delivery }) });
  return bill.id;
}

describe('WeChat Pay reconciliation', () => {
  it('fetches the day’s trade bill: paid and partly refunded bills match, a payment never notified is missing here', async () => {
    const paid = await paidBill();
    const refunded = await paidBill();
    const refund = await stack.emulator.refund(refunded, { amount: 250 });
    const payment = stack.emulator.notifications.find((sent) => sent.outTradeNo === refunded && sent !== refund)!;
    // Read now, while their signatures are fresh; compared with the trade bill's number below.
    const verdicts = [await driverVerdict(stack, payment), await driverVerdict(stack, refund)];
    expect(await stack.bill(paid)).toMatchObject({ state: 'paid' });
    expect(await stack.bill(refunded)).toMatchObject({ state: 'refunded', refundedAmount: 250 });
    // Planted: the player paid, but the notification never reached the server (and it never asked).
    const unseen = await paidBill('drop');
    expect((await stack.bill(unseen)).state).toBe('created');

    const runDay = () => admin.reconcileDay('wechatpay', date);
    // The day's bill is made from 09:00 the next day: asked today, the channel has none yet.
    const early = await runDay();
    expect(early.status).toBe(502);
    expect(await early.json()).toMatchObject({ error: { code: 'SETTLEMENT_UNAVAILABLE' } });
    stack.clock.advance(24 * HOUR);
    const response = await runDay();
    expect(response.status).toBe(201);
    const run = (await response.json()) as ReconciliationAnswer;
    expect(run.reconciliation).toMatchObject({ source: 'fetch', lines: 4, mismatches: 1, timeZone: 'Asia/Shanghai' });
    expect(itemKinds(run)).toEqual({ [paid]: 'matched', [refunded]: 'matched', [unseen]: 'missing-here' });
    expect(run.items.find((item) => item.billId === refunded)).toMatchObject({
      channelTradeNo: stack.emulator.orders.get(refunded)!.transactionId,
      channelRefunded: 250,
    });
    const settled = run.items.find((item) => item.billId === refunded)!.channelTradeNo;
    expect(verdicts).toMatchObject([
      { transition: 'paid', channelTradeNo: settled },
      { transition: 'refunded', channelTradeNo: settled },
    ]);
  });

  it('reads an uploaded trade bill (the fixture): its bills are unknown to this server, so each is missing here', async () => {
    const bill = readFileSync(new URL('./fixtures/wechatpay-trade-bill-all.csv', import.meta.url));
    const response = await admin.upload('wechatpay', '2026-12-05', new Uint8Array(bill));
    expect(response.status).toBe(201);
    const run = (await response.json()) as ReconciliationAnswer;
    expect(run.reconciliation).toMatchObject({ source: 'upload', lines: 3, mismatches: 2 });
    expect(itemKinds(run)).toEqual({
      b_fixtureGems0000000001: 'missing-here',
      b_fixturePass0000000002: 'missing-here',
    });
  });

  it('the emulator answers the bill only to a signed request, and not for a day that has not begun', async () => {
    const unsigned = await fetch(`${stack.emulator.url}/v3/bill/tradebill?bill_date=${date}&bill_type=ALL`);
    expect(unsigned.status).toBe(401);
    const driver = createWechatPayDriver(stack.emulator.driverOptions());
    const tomorrow = new Date(Date.parse(date) + 24 * HOUR).toISOString().slice(0, 10);
    const ctx = { now: stack.clock.now } as never;
    await expect(driver.fetchSettlement!({ date: tomorrow, timeZone: 'Asia/Shanghai' }, ctx)).rejects.toMatchObject({
      code: 'NO_STATEMENT_EXIST',
    });
  });

  it('refuses a fetch whose file does not match its SHA1 hash_value', async () => {
    // A bill whose download is altered on the way: the driver checks the digest the signed answer gave.
    const options = stack.emulator.driverOptions();
    const tampering = createWechatPayDriver({
      ...options,
      fetch: async (input, init) => {
        const answer = await fetch(input, init);
        if (!String(input).includes('/v3/billdownload/file')) return answer;
        return new Response(new TextEncoder().encode('交易时间,微信订单号\r\n'), { status: 200 });
      },
    });
    const ctx = { now: stack.clock.now } as never;
    await expect(tampering.fetchSettlement!({ date, timeZone: 'Asia/Shanghai' }, ctx)).rejects.toMatchObject({
      code: 'UNVERIFIED',
    });
  });
});
