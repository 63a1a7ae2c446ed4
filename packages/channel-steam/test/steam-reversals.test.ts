import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSteamWebApi, STEAM_SIGNATURE_HEADER } from '../src/server/index.js';
import { createBill, initOrder, POLL_TOKEN, report, startSteamStack, type SteamStack } from './steam-stack.js';

// Steam pushes nothing: refunds and chargebacks are found by reading GetReport. The poll route (what a scheduler
// calls) and driver.pollReversals (what a host calls on a timer) send signed notices into the pay server's notify
// path, where the driver asks Steam again and the server applies what Steam says.
let stack: SteamStack;
beforeEach(async () => {
  stack = await startSteamStack();
});
afterEach(() => stack.close());

/** A bill paid through Steam: order started, authorized, reported, finalized. */
async function paidBill() {
  const { bill, launch } = await createBill(stack);
  await initOrder(launch);
  const orderid = String(launch.orderid);
  stack.player.overlay.authorize(await stack.player.overlay.waitFor(orderid));
  expect((await report(stack, bill.id, { orderid, authorized: true })).status).toBe(200);
  return { bill, orderid };
}

/** One poll through the route, as a cron job runs it. */
async function poll(token = POLL_TOKEN) {
  const response = await stack.request('/v1/steam/reversals/poll', {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

/** The notices the next poll sends, captured (and passed on to the pay server). */
async function captureNotices() {
  const notices: Array<{ body: string; signature: string; status: number }> = [];
  const report = await stack.driver.pollReversals({
    dispatch: async (request) => {
      const body = await request.clone().text();
      const response = await stack.server.payServer.handle(request);
      notices.push({ body, signature: request.headers.get(STEAM_SIGNATURE_HEADER) ?? '', status: response.status });
      return response;
    },
  });
  return { report, notices };
}

const steamTime = (ms: number) => `${new Date(ms).toISOString().slice(0, 19)}Z`;

const notify = (body: string, signature: string) =>
  stack.request('/v1/notify/steam', {
    method: 'POST',
    headers: { 'content-type': 'application/json', [STEAM_SIGNATURE_HEADER]: signature },
    body,
  });

describe('Steam refunds and chargebacks, found by polling GetReport', () => {
  it('applies a refund Steam shows: refunded in whole, with Steam’s status as the reason', async () => {
    const { bill, orderid } = await paidBill();
    stack.clock.advance(60_000);
    stack.steam.refund(orderid);
    const { status, body } = await poll();
    expect(status).toBe(200);
    expect(body).toMatchObject({ delivered: 1, unknown: [], failed: [] });
    expect(await stack.bill(bill.id)).toMatchObject({
      state: 'refunded',
      refundedAmount: 499,
      reversalReason: 'refunded',
    });
    expect(stack.steam.calls.filter((call) => call.method === 'GetReport')[0]?.params).toMatchObject({
      type: 'GAMESALES',
      maxresults: '1000',
    });
  });

  it('a refund’s verdict names the order’s transid, the payment’s own number', async () => {
    const { orderid } = await paidBill();
    stack.clock.advance(60_000);
    stack.steam.refund(orderid);
    const { notices } = await captureNotices();
    expect(notices).toHaveLength(1);
    const { body, signature } = notices[0]!;
    const request = new Request(`${stack.server.url}/v1/notify/steam`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [STEAM_SIGNATURE_HEADER]: signature },
      body,
    });
    const ctx = { publicUrl: stack.server.url, now: stack.clock.now, logger: console };
    await expect(stack.driver.verifyNotification!(request, new TextEncoder().encode(body), ctx)).resolves.toMatchObject(
      {
        transition: 'refunded',
        channelTradeNo: stack.steam.order(orderid)!.transid,
      },
    );
  });

  it('a refund the studio makes with RefundTxn (its own tooling) reaches the bill at the next poll', async () => {
    const { bill, orderid } = await paidBill();
    const api = createSteamWebApi({
      baseUrl: stack.steam.url,
      iface: 'ISteamMicroTxnSandbox',
      key: stack.steam.publisherKey,
    });
    expect(await api.refundTxn({ orderid, appid: String(stack.steam.appId) })).toMatchObject({
      ok: true,
      params: { orderid },
    });
    expect(await api.refundTxn({ orderid, appid: String(stack.steam.appId) })).toMatchObject({ ok: false });
    await poll();
    expect(await stack.bill(bill.id)).toMatchObject({ state: 'refunded', refundedAmount: 499 });
  });

  it('applies a chargeback, and a refund reported after it changes nothing', async () => {
    const { bill, orderid } = await paidBill();
    stack.steam.chargeback(orderid);
    await poll();
    expect(await stack.bill(bill.id)).toMatchObject({ state: 'charged_back', reversalReason: 'chargeback' });
    stack.steam.setStatus(orderid, 'Refunded');
    expect((await poll()).body).toMatchObject({ delivered: 1, failed: [] });
    expect((await stack.bill(bill.id)).state).toBe('charged_back');
  });

  it('maps Valve’s fraud refunds to a refund in whole', async () => {
    const { bill, orderid } = await paidBill();
    stack.steam.setStatus(orderid, 'RefundedSuspectedFraud');
    await poll();
    expect(await stack.bill(bill.id)).toMatchObject({
      state: 'refunded',
      refundedAmount: 499,
      reversalReason: 'suspected_fraud',
    });
  });

  it('a duplicate notice (the same reversal listed again) is answered 200 and changes nothing', async () => {
    const { bill, orderid } = await paidBill();
    stack.steam.refund(orderid);
    await poll();
    const refunded = await stack.bill(bill.id);
    const { report, notices } = await captureNotices();
    expect(report.delivered).toBe(1);
    expect(notices.map((notice) => notice.status)).toEqual([200]);
    expect(await stack.bill(bill.id)).toEqual(refunded);
  });

  it('refuses a notice with a forged signature, or one whose body was changed after signing', async () => {
    const { bill, orderid } = await paidBill();
    stack.steam.refund(orderid);
    const { notices } = await captureNotices();
    const [notice] = notices;
    const forged = await notify(notice!.body, 'ab'.repeat(32));
    expect(forged.status).toBe(400);
    const changed = await notify(notice!.body.replace('reversal', 'payment'), notice!.signature);
    expect(changed.status).toBe(400);
    expect((await notify(notice!.body, '')).status).toBe(400);
    expect((await stack.bill(bill.id)).state).toBe('refunded');
  });

  it('refuses a replayed notice outside the 5-minute window, before asking Steam', async () => {
    const { bill, orderid } = await paidBill();
    stack.steam.refund(orderid);
    const { notices } = await captureNotices();
    const queries = stack.steam.calls.length;
    stack.clock.advance(6 * 60_000);
    const replayed = await notify(notices[0]!.body, notices[0]!.signature);
    expect(replayed.status).toBe(400);
    expect(stack.steam.calls.length).toBe(queries);
    expect((await stack.bill(bill.id)).state).toBe('refunded');
  });

  it('a replay inside the window only makes the driver ask Steam again: nothing it did not say applies', async () => {
    const { bill, orderid } = await paidBill();
    stack.steam.refund(orderid);
    const { notices } = await captureNotices();
    expect((await notify(notices[0]!.body, notices[0]!.signature)).status).toBe(200);
    expect(await stack.bill(bill.id)).toMatchObject({ state: 'refunded', refundedAmount: 499 });
  });

  it('out of order: a reversal of a bill the server has not seen paid gets the payment first, then the refund', async () => {
    const { bill, launch } = await createBill(stack);
    await initOrder(launch);
    const orderid = String(launch.orderid);
    stack.player.overlay.authorize(await stack.player.overlay.waitFor(orderid));
    // The game crashed before it reported; Steam captured the order some other way and the player got a refund.
    await fetch(`${stack.steam.url}/ISteamMicroTxnSandbox/FinalizeTxn/v2/`, {
      method: 'POST',
      body: new URLSearchParams({ key: stack.steam.publisherKey, orderid, appid: String(stack.steam.appId) }),
    });
    stack.steam.refund(orderid);
    const { report, notices } = await captureNotices();
    expect(notices.map((notice) => [JSON.parse(notice.body).kind, notice.status])).toEqual([
      ['reversal', 409],
      ['payment', 200],
      ['reversal', 200],
    ]);
    expect(report).toMatchObject({ delivered: 1, failed: [] });
    expect(await stack.bill(bill.id)).toMatchObject({ state: 'refunded', refundedAmount: 499 });
  });

  it('keeps the cursor before a reversal the server could not take, and sends it again next round', async () => {
    const { bill, orderid } = await paidBill();
    stack.clock.advance(60_000);
    stack.steam.refund(orderid);
    stack.steam.failNext('QueryTxn', { httpStatus: 503 });
    const first = await poll();
    expect(first.body.failed).toEqual([{ orderid, status: 500 }]);
    expect(first.body.cursor).toBe(steamTime(stack.steam.order(orderid)!.updatedAt));
    expect(await stack.state.reportCursor()).toBe(first.body.cursor);
    expect((await stack.bill(bill.id)).state).toBe('paid');
    const second = await poll();
    expect(second.body).toMatchObject({ delivered: 1, failed: [] });
    expect((await stack.bill(bill.id)).state).toBe('refunded');
  });

  it('moves the cursor to the latest change once everything is handled, so the next poll starts there', async () => {
    const { orderid } = await paidBill();
    stack.clock.advance(120_000);
    stack.steam.refund(orderid);
    const { body } = await poll();
    const refundedAt = steamTime(stack.steam.order(orderid)!.updatedAt);
    expect(body.cursor).toBe(refundedAt);
    expect(await stack.state.reportCursor()).toBe(refundedAt);
    await poll();
    expect(stack.steam.calls.filter((call) => call.method === 'GetReport').at(-1)?.params.time).toBe(refundedAt);
  });

  it('logs a reversed order no bill is recorded for, and passes it', async () => {
    const { orderid } = await paidBill();
    const forgetful = await startSteamStack({ steam: stack.steam, player: stack.player });
    try {
      stack.steam.refund(orderid);
      const warnings: unknown[] = [];
      const report = await forgetful.driver.pollReversals({
        dispatch: (request) => forgetful.server.payServer.handle(request),
        logger: { warn: (message, data) => warnings.push({ message, data }) },
      });
      expect(report).toMatchObject({ unknown: [orderid], delivered: 0 });
      expect(warnings).toEqual([
        { message: 'Steam reversed an order the driver has no bill for', data: { orderid, status: 'Refunded' } },
      ]);
    } finally {
      await forgetful.close();
    }
  });

  it('refuses the poll route without the bearer token; GetReport refused answers 503 and saves nothing', async () => {
    expect((await poll('wrong-token-000000000000')).status).toBe(401);
    stack.steam.failNext('GetReport', { errorcode: 3, errordesc: 'Invalid parameter' });
    expect((await poll()).status).toBe(503);
    expect(await stack.state.reportCursor()).toBeUndefined();
  });
});
