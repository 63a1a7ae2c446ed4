import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { steamOrderId } from '../src/server/index.js';
import { createBill, initOrder, report, startSteamStack, type SteamStack } from './steam-stack.js';

// The proof `{ orderid, authorized }` is the game's word; the verdict is Steam's. These tests speak HTTP to the real
// pay server as a forging client would (no core), and play Steam's dialog through the stand-in's overlay.
let stack: SteamStack;
beforeEach(async () => {
  stack = await startSteamStack();
});
afterEach(() => stack.close());

const finalizes = () => stack.steam.calls.filter((call) => call.method === 'FinalizeTxn').length;

async function errorCode(response: Response): Promise<string> {
  return ((await response.json()) as { error: { code: string } }).error.code;
}

/** A bill whose Steam order was started for the player; the dialog is open. */
async function openOrder() {
  const { bill, launch } = await createBill(stack);
  expect((await initOrder(launch)).status).toBe(200);
  const orderid = String(launch.orderid);
  await stack.player.overlay.waitFor(orderid);
  return { bill, orderid };
}

describe('Steam proofs: the verdict comes from Steam', () => {
  it('refuses a forged authorized: true for an order the player never authorized, and captures nothing', async () => {
    const { bill, orderid } = await openOrder();
    const forged = await report(stack, bill.id, { orderid, authorized: true });
    expect(forged.status).toBe(400);
    expect(await errorCode(forged)).toBe('INVALID_PROOF');
    expect(finalizes()).toBe(0);
    expect((await stack.bill(bill.id)).state).toBe('created');
    expect(stack.steam.order(orderid)?.status).toBe('Init');
  });

  it('asks Steam once more when the callback outran Steam’s web API: an authorization landing within a second pays', async () => {
    const { bill, orderid } = await openOrder();
    const reporting = report(stack, bill.id, { orderid, authorized: true });
    await new Promise((resolve) => setTimeout(resolve, 300));
    stack.player.overlay.authorize(orderid);
    expect((await reporting).status).toBe(200);
    expect((await stack.bill(bill.id)).state).toBe('paid');
    expect(finalizes()).toBe(1);
  });

  it('refuses a proof naming another bill’s order, even one Steam approved', async () => {
    const paid = await openOrder();
    stack.player.overlay.authorize(paid.orderid);
    const { bill } = await openOrder();
    const stolen = await report(stack, bill.id, { orderid: paid.orderid, authorized: true });
    expect(stolen.status).toBe(400);
    expect(finalizes()).toBe(0);
    expect((await stack.bill(bill.id)).state).toBe('created');
  });

  it('refuses a malformed proof: a missing member, a wrong type, an extra member', async () => {
    const { bill, orderid } = await openOrder();
    for (const proof of [{ orderid }, { orderid, authorized: 'yes' }, { orderid, authorized: true, amount: 499 }]) {
      const response = await report(stack, bill.id, proof);
      expect(response.status).toBe(400);
    }
    expect(stack.steam.calls.filter((call) => call.method === 'QueryTxn')).toEqual([]);
  });

  it('a client that sends another user’s SteamID gets no dialog: Steam shows it to that user, and a forged proof pays nothing', async () => {
    const victim = stack.steam.connectClient({ steamId: '76561197960287999' });
    const { bill, launch } = await createBill(stack);
    expect((await initOrder(launch, '76561197960287999')).status).toBe(200);
    const orderid = String(launch.orderid);
    expect(await victim.overlay.waitFor(orderid)).toBe(orderid);
    expect(stack.player.overlay.shown()).toEqual([]);
    expect(() => stack.player.overlay.authorize(orderid)).toThrow(/never showed/);
    expect((await report(stack, bill.id, { orderid, authorized: true })).status).toBe(400);
    expect((await stack.bill(bill.id)).state).toBe('created');
  });

  it('pays on the player’s real authorization even when the client says it was not authorized', async () => {
    const { bill, orderid } = await openOrder();
    stack.player.overlay.authorize(orderid);
    expect((await report(stack, bill.id, { orderid, authorized: false })).status).toBe(200);
    expect((await stack.bill(bill.id)).state).toBe('paid');
  });

  it('a repeated report is a repeat: 200, still paid, and FinalizeTxn was called once', async () => {
    const { bill, orderid } = await openOrder();
    stack.player.overlay.authorize(orderid);
    expect((await report(stack, bill.id, { orderid, authorized: true })).status).toBe(200);
    expect((await report(stack, bill.id, { orderid, authorized: true })).status).toBe(200);
    expect(finalizes()).toBe(1);
    expect(await stack.bill(bill.id)).toMatchObject({ state: 'paid', amount: 499 });
  });

  it('refuses the proof when Steam refuses QueryTxn, and changes nothing', async () => {
    const { bill, orderid } = await openOrder();
    stack.player.overlay.authorize(orderid);
    stack.steam.failNext('QueryTxn', { errorcode: 4, errordesc: 'Internal error' });
    const refused = await report(stack, bill.id, { orderid, authorized: true });
    expect(refused.status).toBe(400);
    expect(await errorCode(refused)).toBe('INVALID_PROOF');
    expect((await stack.bill(bill.id)).state).toBe('created');
  });

  it('refuses an order whose amount at Steam is not the bill’s (the server compares what Steam charged)', async () => {
    const { bill, launch } = await createBill(stack);
    const orderid = await steamOrderId(bill.id);
    // Someone holding the publisher key started the bill's order at 1 cent instead of the driver's 499.
    const form = new URLSearchParams({
      key: stack.steam.publisherKey,
      orderid,
      steamid: '76561197960287930',
      appid: String(stack.steam.appId),
      itemcount: '1',
      language: 'en',
      currency: 'USD',
      'itemid[0]': '1002',
      'qty[0]': '1',
      'amount[0]': '1',
      'description[0]': 'Chest of coins',
    });
    await fetch(`${stack.steam.url}/ISteamMicroTxnSandbox/InitTxn/v3/`, { method: 'POST', body: form });
    stack.player.overlay.authorize(await stack.player.overlay.waitFor(orderid));
    const refused = await report(stack, bill.id, { orderid: String(launch.orderid), authorized: true });
    expect(refused.status).toBe(400);
    expect(await errorCode(refused)).toBe('INVALID_PROOF');
    expect((await stack.bill(bill.id)).state).toBe('created');
  });

  it('answers 500 and changes nothing while Steam cannot be reached; the same report pays once it can', async () => {
    const { bill, orderid } = await openOrder();
    stack.player.overlay.authorize(orderid);
    stack.steam.failNext('QueryTxn', { httpStatus: 503 });
    expect((await report(stack, bill.id, { orderid, authorized: true })).status).toBe(500);
    expect((await stack.bill(bill.id)).state).toBe('created');
    expect((await report(stack, bill.id, { orderid, authorized: true })).status).toBe(200);
    expect((await stack.bill(bill.id)).state).toBe('paid');
  });
});

describe('Steam’s transaction id', () => {
  it('names the payment by its transid in the proof’s verdict and in the query’s answer', async () => {
    const { bill, orderid } = await openOrder();
    stack.player.overlay.authorize(orderid);
    const transid = stack.steam.order(orderid)!.transid;
    expect(transid).not.toBe(orderid);
    const stored = await stack.bill(bill.id);
    await expect(stack.driver.verifyProof!(stored, { orderid, authorized: true }, driverContext())).resolves.toEqual({
      billId: bill.id,
      transition: 'paid',
      amount: stored.amount,
      currency: stored.currency,
      channelTradeNo: transid,
    });
    await expect(stack.driver.query!(stored, driverContext())).resolves.toMatchObject({
      transition: 'paid',
      channelTradeNo: transid,
    });
  });
});

const driverContext = () => ({ publicUrl: stack.server.url, now: stack.clock.now, logger: console });

describe('Steam orders and the bill’s expiry', () => {
  it('expires a bill whose dialog nobody answered; the query says pending', async () => {
    const { bill } = await openOrder();
    stack.clock.advance(16 * 60_000);
    expect((await stack.bill(bill.id)).state).toBe('expired');
    expect(
      await stack.driver.query!(bill, { publicUrl: stack.server.url, now: stack.clock.now, logger: console }),
    ).toEqual({
      pending: true,
      reason: expect.stringContaining('Init'),
    });
  });

  it('pays a late authorization of an expired bill (the player paid: the item is theirs)', async () => {
    const { bill, orderid } = await openOrder();
    stack.clock.advance(16 * 60_000);
    expect((await stack.bill(bill.id)).state).toBe('expired');
    stack.player.overlay.authorize(orderid);
    expect((await report(stack, bill.id, { orderid, authorized: true })).status).toBe(200);
    expect((await stack.bill(bill.id)).state).toBe('paid');
    expect(stack.steam.order(orderid)?.status).toBe('Succeeded');
  });
});
