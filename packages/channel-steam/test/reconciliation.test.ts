import { readFileSync } from 'node:fs';
import { generateAdminKey } from '@coinslot/server';
import { itemKinds, type ReconciliationAnswer, reconciliationAdmin } from '@coinslot/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSteamDriver } from '../src/server/index.js';
import { createBill, initOrder, report, type SteamStack, startSteamStack, testClock } from './steam-stack.js';

// Reconciliation of Steam (docs/reconciliation.md): the pay server reads the UTC day from GetReport through the
// driver's client (bills from the driver's order state), or a saved GetReport answer uploaded by an admin.
const ADMIN_KEY = generateAdminKey();
const DAY_MS = 86_400_000;
let stack: SteamStack;
let date: string;

beforeAll(async () => {
  // Noon UTC of the next day on the shared clock, far from either midnight.
  const clock = testClock();
  const now = Date.now();
  clock.advance(Math.ceil(now / DAY_MS) * DAY_MS + DAY_MS / 2 - now);
  date = new Date(clock.now()).toISOString().slice(0, 10);
  stack = await startSteamStack({
    clock,
    server: { admin: { keys: [ADMIN_KEY] }, query: { checkpointsMs: [], afterExpiryMs: false } },
  });
});
afterAll(() => stack.close());

const admin = reconciliationAdmin(() => stack.server.url, ADMIN_KEY);

/** A bill paid through Steam: order started, authorized in the overlay, reported, finalized. */
async function paidBill() {
  const { bill, launch } = await createBill(stack);
  await initOrder(launch);
  const orderid = String(launch.orderid);
  stack.player.overlay.authorize(await stack.player.overlay.waitFor(orderid));
  expect((await report(stack, bill.id, { orderid, authorized: true })).status).toBe(200);
  // Each order's latest change in its own second, so GetReport can page by time between them.
  stack.clock.advance(2000);
  return { billId: bill.id, orderid };
}

describe('Steam reconciliation', () => {
  it('reads the day from GetReport: a paid and a refunded bill match, a chargeback the server never heard of is a state mismatch', async () => {
    const paid = await paidBill();
    const refunded = await paidBill();
    stack.steam.refund(refunded.orderid);
    stack.clock.advance(2000);
    const poll = await stack.driver.pollReversals({
      dispatch: (request) => stack.server.payServer.handle(request),
      now: stack.clock.now,
    });
    expect(poll).toMatchObject({ delivered: 1, failed: [] });
    expect(await stack.bill(refunded.billId)).toMatchObject({ state: 'refunded', refundedAmount: 499 });
    // Planted: Steam charged this one back after the last poll, so the server still has it delivered.
    const chargedBack = await paidBill();
    stack.steam.chargeback(chargedBack.orderid);
    stack.clock.advance(2000);

    const response = await admin.reconcileDay('steam', date);
    expect(response.status).toBe(201);
    const run = (await response.json()) as ReconciliationAnswer;
    expect(run.reconciliation).toMatchObject({ source: 'fetch', lines: 5, mismatches: 1, timeZone: 'UTC' });
    expect(itemKinds(run)).toEqual({
      [paid.billId]: 'matched',
      [refunded.billId]: 'matched',
      [chargedBack.billId]: 'state-mismatch',
    });
    const mismatch = run.items.find((item) => item.billId === chargedBack.billId)!;
    expect(mismatch.channelTradeNo).toBe(stack.steam.order(chargedBack.orderid)!.transid);
    // The number GetReport shows is the one the driver's verdicts name: a console search finds the bill by either.
    const ctx = { publicUrl: stack.server.url, now: stack.clock.now, logger: console };
    const settled = run.items.find((item) => item.billId === refunded.billId)!.channelTradeNo;
    expect(settled).toMatch(/^\d+$/);
    expect(await stack.driver.query!(await stack.bill(refunded.billId), ctx)).toMatchObject({
      transition: 'paid',
      channelTradeNo: settled,
    });
    expect(mismatch.detail).toMatch(/charged back at the channel/);
  });

  it('pages GetReport by time: two orders a page reads the same lines in three pages; a page stuck on one second fails', async () => {
    const day = { date, timeZone: 'UTC' };
    const ctx = { now: stack.clock.now } as never;
    const whole = await stack.driver.fetchSettlement!(day, ctx);
    const paged = createSteamDriver({
      publisherKey: stack.steam.publisherKey,
      appId: stack.steam.appId,
      sandbox: true,
      apiUrl: stack.steam.url,
      state: stack.state,
      reversals: { maxResults: 2 },
    });
    const before = stack.steam.calls.filter((call) => call.method === 'GetReport').length;
    expect(await paged.fetchSettlement!(day, ctx)).toEqual(whole);
    expect(stack.steam.calls.filter((call) => call.method === 'GetReport').length - before).toBe(3);
    // One order a page: the next page starts at that order's second and lists it again, so it cannot get past it.
    const single = createSteamDriver({
      publisherKey: stack.steam.publisherKey,
      appId: stack.steam.appId,
      sandbox: true,
      apiUrl: stack.steam.url,
      state: stack.state,
      reversals: { maxResults: 1 },
    });
    await expect(single.fetchSettlement!(day, ctx)).rejects.toThrow(/raise reversals.maxResults/);
  });

  it('reads an uploaded GetReport answer saved from Steam: each order’s bill comes from the driver’s state, so they match', async () => {
    const query = new URLSearchParams({
      key: stack.steam.publisherKey,
      appid: String(stack.steam.appId),
      type: 'GAMESALES',
      time: `${date}T00:00:00Z`,
      maxresults: '1000',
    });
    const saved = await fetch(`${stack.steam.url}/ISteamMicroTxnSandbox/GetReport/v5/?${query}`);
    expect(saved.status).toBe(200);
    const response = await admin.upload('steam', date, new Uint8Array(await saved.arrayBuffer()));
    expect(response.status).toBe(201);
    const run = (await response.json()) as ReconciliationAnswer;
    // The same day the first test fetched: the paid and refunded bills match, the unpolled chargeback still differs.
    expect(run.reconciliation).toMatchObject({ source: 'upload', lines: 5, mismatches: 1 });
    expect(Object.values(itemKinds(run)).sort()).toEqual(['matched', 'matched', 'state-mismatch']);
  });

  it('reads an uploaded GetReport answer of orders this server never started: each line is missing here', async () => {
    const fixture = readFileSync(new URL('./fixtures/steam-getreport-gamesales.json', import.meta.url));
    const response = await admin.upload('steam', '2026-12-05', new Uint8Array(fixture));
    expect(response.status).toBe(201);
    const run = (await response.json()) as ReconciliationAnswer;
    // The payments of orders 3 and 4 were on earlier days: only their reversals are in 2026-12-05.
    expect(run.reconciliation).toMatchObject({ source: 'upload', lines: 5, mismatches: 5 });
    expect(run.items.map((item) => [item.channelTradeNo, item.kind])).toEqual([
      ['9876543210000000001', 'missing-here'],
      ['9876543210000000002', 'missing-here'],
      ['9876543210000000002', 'missing-here'],
      ['9876543210000000003', 'missing-here'],
      ['9876543210000000004', 'missing-here'],
    ]);
  });
});
