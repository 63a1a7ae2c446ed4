import { readFileSync } from 'node:fs';
import { generateAdminKey } from '@coinslot/server';
import { itemKinds, type ReconciliationAnswer, reconciliationAdmin, settlementNoon } from '@coinslot/testing';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AlipayStack, startAlipayStack, testClock } from './alipay-stack.js';
import { createBill, driverVerdict } from './pay-server-calls.js';

// Reconciliation of Alipay (docs/reconciliation.md): the pay server fetches the day's trade bill from the emulator
// (bill.downloadurl.query through alipay-sdk, then the GBK zip), or reads an uploaded bill, and matches it to bills.
const ADMIN_KEY = generateAdminKey();
const HOUR = 3_600_000;
let stack: AlipayStack;
let date: string;

beforeAll(async () => {
  // Beijing noon of the next day for both clocks, far from either midnight (no line is deferred to a neighbour day).
  const clock = testClock();
  const now = Date.now();
  const noon = settlementNoon(now, 8);
  clock.advance(noon.at - now);
  date = noon.date;
  stack = await startAlipayStack('precreate', {
    clock,
    server: { admin: { keys: [ADMIN_KEY] }, query: { checkpointsMs: [], afterExpiryMs: false } },
  });
});
afterAll(() => stack.close());

const admin = reconciliationAdmin(() => stack.url, ADMIN_KEY);

async function paidBill(options: { delivery?: 'drop' } = {}) {
  const { bill } = await createBill(stack);
  stack.emulator.scan(bill.id);
  await stack.emulator.pay(bill.id, options);
  return bill.id;
}

describe('Alipay reconciliation', () => {
  it('fetches the day’s trade bill from the emulator: paid and refunded bills match, a payment never notified is missing here', async () => {
    const paid = await paidBill();
    const refunded = await paidBill();
    await stack.emulator.refund(refunded);
    expect(await stack.bill(refunded)).toMatchObject({ state: 'refunded', refundedAmount: 1234 });
    // Planted: the buyer paid, but the notification never reached the server (and it never asked).
    const unseen = await paidBill({ delivery: 'drop' });
    expect((await stack.bill(unseen)).state).toBe('created');

    const runDay = () => admin.reconcileDay('alipay', date);
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
      channelTradeNo: stack.emulator.trade(refunded).tradeNo,
      channelRefunded: 1234,
    });
    // The number the bill file shows is the one the payment's and the refund's notifications carried.
    const sent = stack.emulator.notifications.filter((notification) => notification.params.out_trade_no === refunded);
    expect(sent.map((notification) => notification.params.refund_fee ?? 'payment')).toEqual(['payment', '12.34']);
    for (const notification of sent)
      await expect(driverVerdict(stack, notification.params)).resolves.toMatchObject({
        channelTradeNo: run.items.find((item) => item.billId === refunded)!.channelTradeNo,
      });

    // The same day's zip, downloaded as an admin would and uploaded: the same verdicts.
    const zip = await fetch(`${stack.emulator.url}/downloadBillFile.resource?billDate=${date}`);
    const uploaded = await admin.upload('alipay', date, new Uint8Array(await zip.arrayBuffer()));
    expect(uploaded.status).toBe(201);
    const upload = (await uploaded.json()) as ReconciliationAnswer;
    expect(upload.reconciliation).toMatchObject({ source: 'upload', lines: 4, mismatches: 1 });
    expect(itemKinds(upload)).toEqual(itemKinds(run));
  });

  it('reads an uploaded detail CSV (the fixture): its bills are unknown to this server, so each is missing here', async () => {
    const detail = readFileSync(new URL('./fixtures/alipay-trade-bill-detail.csv', import.meta.url));
    const response = await admin.upload('alipay', '2026-12-05', new Uint8Array(detail));
    expect(response.status).toBe(201);
    const run = (await response.json()) as ReconciliationAnswer;
    expect(run.reconciliation).toMatchObject({ lines: 3, mismatches: 3 });
    expect(itemKinds(run)).toEqual({
      bill_fixture_gems_1: 'missing-here',
      bill_fixture_old_3: 'missing-here',
      bill_fixture_pass_2: 'missing-here',
    });
  });

  it('the emulator serves the day as Alipay documents it: a zip of GBK detail and summary files, # lines around rows', async () => {
    const zip = await fetch(`${stack.emulator.url}/downloadBillFile.resource?billDate=${date}`);
    const entries = unzipSync(new Uint8Array(await zip.arrayBuffer()));
    const day = date.replace(/-/g, '');
    expect(Object.keys(entries).sort()).toEqual([
      `2088721000000000_${day}_业务明细(汇总).csv`,
      `2088721000000000_${day}_业务明细.csv`,
    ]);
    const detail = entries[`2088721000000000_${day}_业务明细.csv`]!;
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(detail)).toThrow();
    const rows = new TextDecoder('gbk').decode(detail).split('\r\n');
    expect(rows[0]).toBe('#支付宝业务明细查询');
    expect(rows[4]).toMatch(/^支付宝交易号,商户订单号,业务类型,商品名称,创建时间,完成时间,/);
    expect(rows.filter((row) => /^\d{28}\t,/.test(row))).toHaveLength(4);
    expect(rows.at(-1)).toMatch(/^#导出时间：\[/);
  });

  it('refuses an upload that is not an Alipay bill', async () => {
    const response = await admin.upload('alipay', '2026-12-05', 'not,a,bill\n');
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'SETTLEMENT_FILE_INVALID' } });
  });
});
