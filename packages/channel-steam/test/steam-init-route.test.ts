import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBill, initOrder, PLAYER_STEAM_ID, startSteamStack, type SteamStack } from './steam-stack.js';

// POST /v1/steam/orders/:billId/init?token=T: how the adapter hands the driver the player's SteamID and language.
let stack: SteamStack;
beforeEach(async () => {
  stack = await startSteamStack();
});
afterEach(() => stack.close());

const post = (url: string, body: unknown) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const errorOf = async (response: Response) => ((await response.json()) as { error: Record<string, unknown> }).error;
const initCalls = () => stack.steam.calls.filter((call) => call.method === 'InitTxn');

describe('the Steam init route', () => {
  it('the launch payload carries the order id, the App ID and an init URL with the bill’s token — no key', async () => {
    const { bill, launch } = await createBill(stack);
    expect(launch).toEqual({
      orderid: expect.stringMatching(/^[1-9]\d{0,18}$/),
      appId: stack.steam.appId,
      initUrl: expect.stringMatching(
        new RegExp(`^${stack.server.url}/v1/steam/orders/${bill.id}/init\\?token=[0-9a-f]{32}$`),
      ),
    });
    expect(JSON.stringify(launch)).not.toContain(stack.steam.publisherKey);
  });

  it('starts the order once: a repeat (the adapter retried) answers the same order without a second dialog', async () => {
    const { launch } = await createBill(stack);
    const first = await initOrder(launch);
    expect(first.status).toBe(200);
    const text = await first.text();
    expect(text).not.toContain(stack.steam.publisherKey);
    const started = JSON.parse(text) as { orderid: string; transid: string };
    expect(started.orderid).toBe(launch.orderid);
    const again = await initOrder(launch);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual(started);
    expect(stack.player.overlay.shown()).toEqual([launch.orderid]);
  });

  it('refuses a wrong token, an unknown bill, GET, a bad SteamID and an unknown field, calling Steam for none', async () => {
    const { bill, launch } = await createBill(stack);
    const url = new URL(String(launch.initUrl));
    const wrongToken = `${url.origin}${url.pathname}?token=${'0'.repeat(32)}`;
    expect(await errorOf(await post(wrongToken, { steamId: PLAYER_STEAM_ID }))).toMatchObject({
      code: 'INVALID_FIELD',
      field: 'token',
    });
    const other = String(launch.initUrl).replace(bill.id, 'b_unknown');
    expect((await post(other, { steamId: PLAYER_STEAM_ID })).status).toBe(400);
    expect((await fetch(String(launch.initUrl))).status).toBe(405);
    for (const steamId of ['1', '76561197960265728', 'me', Number(PLAYER_STEAM_ID), '103582791429521412']) {
      expect(await errorOf(await post(String(launch.initUrl), { steamId }))).toMatchObject({ field: 'steamId' });
    }
    expect((await errorOf(await post(String(launch.initUrl), { steamId: PLAYER_STEAM_ID, amount: 1 }))).code).toBe(
      'UNKNOWN_FIELD',
    );
    expect(initCalls()).toEqual([]);
  });

  it('refuses to start the order of a bill that is no longer open', async () => {
    const { bill, launch } = await createBill(stack);
    await stack.request(`/v1/bills/${bill.id}/cancel`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    const response = await initOrder(launch);
    expect(response.status).toBe(409);
    expect(await errorOf(response)).toMatchObject({ code: 'INVALID_TRANSITION', state: 'cancelled' });
    expect(initCalls()).toEqual([]);
  });

  it('answers 502 with Steam’s error when Steam refuses InitTxn, 503 when it cannot be reached', async () => {
    const { launch } = await createBill(stack);
    stack.steam.failNext('InitTxn', {
      errorcode: 8,
      errordesc: "Currency does not match user's Steam Account currency",
    });
    const refused = await initOrder(launch);
    expect(refused.status).toBe(502);
    expect(await refused.json()).toEqual({
      steam: { errorcode: 8, errordesc: "Currency does not match user's Steam Account currency" },
    });
    stack.steam.failNext('InitTxn', { httpStatus: 500 });
    const down = await initOrder(launch);
    expect(down.status).toBe(503);
    expect(await errorOf(down)).toMatchObject({ code: 'UNAVAILABLE', retryable: true });
    expect((await initOrder(launch)).status).toBe(200);
  });

  it('sends InitTxn the price list’s amount and the configured item, whatever the client says', async () => {
    const { launch } = await createBill(stack);
    await initOrder(launch, PLAYER_STEAM_ID, 'german');
    expect(initCalls()[0]?.params).toEqual({
      orderid: launch.orderid,
      steamid: PLAYER_STEAM_ID,
      appid: String(stack.steam.appId),
      itemcount: '1',
      language: 'de',
      currency: 'USD',
      usersession: 'client',
      'itemid[0]': '1002',
      'qty[0]': '1',
      'amount[0]': '499',
      'description[0]': 'Chest of coins',
    });
  });

  it('fails the create (stores no bill) for an item the driver has no Steam item id for', async () => {
    const stranger = await startSteamStack({ steam: stack.steam, player: stack.player, driver: { items: {} } });
    try {
      await expect(createBill(stranger)).rejects.toThrow(/answered 500/);
    } finally {
      await stranger.close();
    }
  });
});
