import { readFileSync } from 'node:fs';
import type { DriverContext } from '@coinslot/server';
import { describe, expect, it } from 'vitest';
import { createMemorySteamState, createSteamDriver } from '../src/server/index.js';

// A GetReport answer written by hand from Steam's documented fields (partner.steamgames.com/doc/webapi/ISteamMicroTxn
// #GetReport: orderid, transid, steamid, status, currency, time, country, usstate, timecreated, items[itemid, qty,
// amount, vat, itemstatus]): one order of each kind that moved money, and a failed one that did not.
const report = new Uint8Array(readFileSync(new URL('./fixtures/steam-getreport-gamesales.json', import.meta.url)));
// Order 2 was started by this pay server (its bill is known to the driver's state); the others were not.
const state = createMemorySteamState();
await state.rememberOrder('1234567890123456002', 'b_order2');
const driver = createSteamDriver({ publisherKey: 'A'.repeat(32), appId: 480, state });
const parse = (bytes: Uint8Array) => driver.parseSettlementFile!(bytes, {} as DriverContext);
const line = (orderid: string, kind: string, amount: number, currency: string, at: string) => ({
  channel: 'steam',
  billId: orderid === '2' ? 'b_order2' : undefined,
  channelTradeNo: `987654321000000000${orderid}`,
  kind,
  amount,
  currency,
  occurredAt: Date.parse(at),
});

describe('Steam GetReport as a settlement file', () => {
  it('maps each order: a payment, and a reversed order’s payment at timecreated with its reversal at time; the bill from the driver’s state, the transid as the trade number', async () => {
    const lines = await parse(report);
    expect(lines.map(({ raw: _raw, ...rest }) => rest)).toEqual([
      line('1', 'payment', 499, 'USD', '2026-12-05T08:12:40Z'),
      line('2', 'payment', 999, 'EUR', '2026-12-05T09:00:00Z'),
      line('2', 'refund', 999, 'EUR', '2026-12-05T15:30:00Z'),
      line('3', 'payment', 699, 'USD', '2026-12-04T23:59:00Z'),
      line('3', 'refund', 200, 'USD', '2026-12-05T18:00:00Z'),
      line('4', 'payment', 499, 'USD', '2026-12-01T12:00:00Z'),
      line('4', 'chargeback', 499, 'USD', '2026-12-05T21:45:10Z'),
    ]);
    expect(lines[1]!.raw).toMatchObject({ transid: '9876543210000000002', country: 'DE', status: 'Refunded' });
    expect(driver.settlementTimeZone).toBe('UTC');
  });

  it('refuses what is not a GetReport answer, and an order without a readable time', async () => {
    await expect(parse(new TextEncoder().encode('{"response":{"result":"Failure"}}'))).rejects.toThrow(/GetReport/);
    const broken = new TextDecoder().decode(report).replace('"2026-12-05T08:12:40Z"', '"yesterday"');
    await expect(parse(new TextEncoder().encode(broken))).rejects.toThrow(/1234567890123456001: time/);
  });
});
