import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { DriverContext } from '@coinslot/server';
import { startWechatPayEmulator, type WechatPayEmulator } from '@coinslot/testing/emulators';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWechatPayDriver } from '../src/server/index.js';

// A trade bill (bill_type ALL) written by hand from WeChat Pay's documented format — header row, backtick-prefixed
// fields, summary rows last (pay.weixin.qq.com/docs/merchant/apis/bill-download/trade-bill.html, "账单文件格式"):
// two payments and a partial refund of the second.
const bill = new Uint8Array(readFileSync(new URL('./fixtures/wechatpay-trade-bill-all.csv', import.meta.url)));
let emulator: WechatPayEmulator;
beforeAll(async () => void (emulator = await startWechatPayEmulator()));
afterAll(() => emulator.stop());
const parse = (bytes: Uint8Array) =>
  createWechatPayDriver(emulator.driverOptions()).parseSettlementFile!(bytes, {} as DriverContext);

const expected = [
  {
    channel: 'wechatpay',
    billId: 'b_fixtureGems0000000001',
    channelTradeNo: '4200001234202612050000000001',
    kind: 'payment',
    amount: 600,
    currency: 'CNY',
    occurredAt: Date.parse('2026-12-05T10:15:02+08:00'),
  },
  {
    channel: 'wechatpay',
    billId: 'b_fixturePass0000000002',
    channelTradeNo: '4200001234202612050000000002',
    kind: 'payment',
    amount: 3000,
    currency: 'CNY',
    occurredAt: Date.parse('2026-12-05T21:40:19+08:00'),
  },
  {
    channel: 'wechatpay',
    billId: 'b_fixturePass0000000002',
    channelTradeNo: '4200001234202612050000000002',
    kind: 'refund',
    amount: 1000,
    currency: 'CNY',
    occurredAt: Date.parse('2026-12-05T22:03:45+08:00'),
  },
];

describe('WeChat Pay trade bill', () => {
  it('parses payments and refunds in fen at their China time, backticks stripped, summary rows left out', async () => {
    const lines = await parse(bill);
    expect(lines.map(({ raw: _raw, ...line }) => line)).toEqual(expected);
    expect(lines[2]!.raw).toMatchObject({
      商户退款单号: 'rf_fixturePass_1',
      退款金额: '10.00',
      商品名称: '赛季通行证',
    });
  });

  it('reads the gzip form (tar_type=GZIP) the same', async () => {
    expect((await parse(gzipSync(bill))).map(({ raw: _raw, ...line }) => line)).toEqual(expected);
  });

  it('refuses a file without the documented columns, and an amount that is not two-decimal yuan', () => {
    expect(() => parse(new TextEncoder().encode('a,b\n`1,`2\n'))).toThrow(/交易时间/);
    const text = new TextDecoder().decode(bill).replace('`0.60%,`6.00,', '`0.60%,`6,');
    expect(() => parse(new TextEncoder().encode(text))).toThrow(/row 2/);
  });
});
