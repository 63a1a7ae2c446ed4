import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { DriverContext } from '@coinslot/server';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { createAlipayDriver } from '../src/server/index.js';

// A detail file (业务明细) written by hand from Alipay's documented columns, GBK as Alipay serves it.
const detail = new Uint8Array(readFileSync(new URL('./fixtures/alipay-trade-bill-detail.csv', import.meta.url)));
const key = (type: 'pkcs8' | 'spki') => {
  const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return (type === 'pkcs8' ? pair.privateKey : pair.publicKey).export({ type, format: 'pem' }).toString();
};
const driver = createAlipayDriver({
  appId: '2021000000000001',
  appPrivateKey: key('pkcs8'),
  alipayPublicKey: key('spki'),
  gateway: 'http://127.0.0.1:9/gateway.do',
});
const ctx = {} as DriverContext;

const expected = [
  {
    channel: 'alipay',
    billId: 'bill_fixture_gems_1',
    channelTradeNo: '2026120522001441230500012345',
    kind: 'payment',
    amount: 600,
    currency: 'CNY',
    occurredAt: Date.parse('2026-12-05T09:58:30+08:00'),
  },
  {
    channel: 'alipay',
    billId: 'bill_fixture_pass_2',
    channelTradeNo: '2026120522001441230500012346',
    kind: 'payment',
    amount: 3000,
    currency: 'CNY',
    occurredAt: Date.parse('2026-12-05T23:59:41+08:00'),
  },
  {
    channel: 'alipay',
    billId: 'bill_fixture_old_3',
    channelTradeNo: '2026120422001441230500011111',
    kind: 'refund',
    amount: 1250,
    currency: 'CNY',
    occurredAt: Date.parse('2026-12-05T12:00:00+08:00'),
  },
];

describe('Alipay trade bill', () => {
  it('parses the GBK detail CSV: payments and refunds in fen at their Beijing completion time, # lines skipped', async () => {
    const lines = await driver.parseSettlementFile!(detail, ctx);
    expect(lines.map(({ raw: _raw, ...line }) => line)).toEqual(expected);
    expect(lines[0]!.raw.商品名称).toBe('一袋宝石');
    expect(lines[2]!.raw['退款批次号/请求号']).toBe('rf_bill_fixture_old_3_1');
    expect(driver.settlementTimeZone).toBe('Asia/Shanghai');
  });

  it('finds the detail file inside the downloaded zip, beside the summary', async () => {
    const summary = new TextEncoder().encode('#支付宝业务汇总查询\r\n门店编号,门店名称,交易订单总笔数\r\n合计,,2\r\n');
    const zip = zipSync({ 'a_20261205_业务明细(汇总).csv': summary, 'a_20261205_业务明细.csv': detail });
    expect((await driver.parseSettlementFile!(zip, ctx)).map(({ raw: _raw, ...line }) => line)).toEqual(expected);
  });

  it('refuses a file without the detail columns, and a row whose amount is not yuan', () => {
    expect(() => driver.parseSettlementFile!(new TextEncoder().encode('a,b\n1,2\n'), ctx)).toThrow(/支付宝交易号/);
    const text = new TextDecoder('gbk').decode(detail).replace('6.00\t,6.00', '6.00\t,6.001');
    expect(() => driver.parseSettlementFile!(new TextEncoder().encode(text), ctx)).toThrow(/row 2/);
  });
});
