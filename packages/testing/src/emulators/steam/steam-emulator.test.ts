import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSteamEmulator, type SteamEmulator } from './index.js';

let steam: SteamEmulator;
let clock = Date.parse('2026-12-01T10:00:00Z');

beforeEach(async () => {
  steam = await startSteamEmulator({ appId: 480, now: () => clock });
});
afterEach(() => steam.close());

const post = (method: string, version: number, params: Record<string, string>, iface = 'ISteamMicroTxnSandbox') =>
  fetch(`${steam.url}/${iface}/${method}/v${version}/`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(params),
  });
const get = (method: string, version: number, params: Record<string, string>, iface = 'ISteamMicroTxnSandbox') =>
  fetch(`${steam.url}/${iface}/${method}/v${version}/?${new URLSearchParams(params)}`);
const json = async (response: Response) => ((await response.json()) as { response: Record<string, any> }).response;

function initParams(orderid: string, steamid = '76561197960287930'): Record<string, string> {
  return {
    key: steam.publisherKey,
    orderid,
    steamid,
    appid: '480',
    itemcount: '1',
    language: 'en',
    currency: 'USD',
    'itemid[0]': '1002',
    'qty[0]': '1',
    'amount[0]': '499',
    'description[0]': 'Chest of coins',
  };
}

describe('the Steam MicroTxn emulator', () => {
  it('answers a missing or wrong key with Steam’s 403 page, and records no key', async () => {
    const wrong = await post('InitTxn', 3, { ...initParams('1'), key: 'WRONG' });
    expect(wrong.status).toBe(403);
    expect(await wrong.text()).toContain('verify your <pre>key=</pre> parameter');
    expect((await get('QueryTxn', 3, { appid: '480', orderid: '1' })).status).toBe(403);
    expect(steam.calls.map((call) => call.status)).toEqual([403, 403]);
    expect(JSON.stringify(steam.calls)).not.toContain(steam.publisherKey);
  });

  it('refuses an unknown method (404) and the wrong verb (405)', async () => {
    expect((await post('Nope', 1, initParams('1'))).status).toBe(404);
    expect((await get('InitTxn', 3, initParams('1'))).status).toBe(405);
    expect((await post('InitTxn', 1, initParams('1'))).status).toBe(404);
  });

  it('creates an order in Init, shows it in the user’s overlay, and finalizes it once authorized', async () => {
    const client = steam.connectClient({ steamId: '76561197960287930' });
    const callbacks: unknown[] = [];
    client.callback.register(client.callback.SteamCallback.MicroTxnAuthorizationResponse, (v) => callbacks.push(v));
    const init = await json(await post('InitTxn', 3, initParams('9007199254740993')));
    expect(init).toMatchObject({ result: 'OK', params: { orderid: '9007199254740993' } });
    expect(await client.overlay.waitFor('9007199254740993')).toBe('9007199254740993');
    const early = await json(
      await post('FinalizeTxn', 2, { key: steam.publisherKey, orderid: '9007199254740993', appid: '480' }),
    );
    expect(early).toMatchObject({ result: 'Failure', error: { errorcode: 5 } });

    client.overlay.authorize('9007199254740993');
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(callbacks).toEqual([{ app_id: 480, order_id: 9007199254740993n, authorized: true }]);
    const done = await json(
      await post('FinalizeTxn', 2, { key: steam.publisherKey, orderid: '9007199254740993', appid: '480' }),
    );
    expect(done).toEqual({ result: 'OK', params: { orderid: '9007199254740993', transid: init.params.transid } });
    const again = await json(
      await post('FinalizeTxn', 2, { key: steam.publisherKey, orderid: '9007199254740993', appid: '480' }),
    );
    expect(again.error).toEqual({ errorcode: 6, errordesc: 'Transaction has already been committed' });
    const query = await json(
      await get('QueryTxn', 3, { key: steam.publisherKey, appid: '480', orderid: '9007199254740993' }),
    );
    expect(query.params).toMatchObject({
      status: 'Succeeded',
      currency: 'USD',
      steamid: '76561197960287930',
      items: [{ itemid: 1002, qty: 1, amount: 499, vat: 0, itemstatus: 'Succeeded' }],
    });
    expect(steam.calls.every((call) => call.verb === 'GET' || !call.keyInUrl)).toBe(true);
  });

  it('refuses InitTxn for a user who is not logged in, and keeps the sandbox’s orders apart', async () => {
    const offline = await json(await post('InitTxn', 3, initParams('7')));
    expect(offline).toMatchObject({ result: 'Failure', params: { orderid: '7' }, error: { errorcode: 7 } });
    steam.connectClient();
    expect((await json(await post('InitTxn', 3, initParams('7')))).result).toBe('OK');
    const live = await json(
      await get('QueryTxn', 3, { key: steam.publisherKey, appid: '480', orderid: '7' }, 'ISteamMicroTxn'),
    );
    expect(live.result).toBe('Failure');
    const reused = await json(await post('InitTxn', 3, initParams('7')));
    expect(reused).toMatchObject({ result: 'Failure', error: { errorcode: 3 } });
  });

  it('pages GetReport by the time of each order’s latest change, inclusive', async () => {
    const client = steam.connectClient();
    for (const orderid of ['11', '12']) {
      await post('InitTxn', 3, initParams(orderid));
      client.overlay.authorize(orderid);
      await post('FinalizeTxn', 2, { key: steam.publisherKey, orderid, appid: '480' });
    }
    clock += 60_000;
    steam.refund('11');
    const since = (time: string, type = 'GAMESALES') =>
      get('GetReport', 5, { key: steam.publisherKey, appid: '480', type, time, maxresults: '10' }).then(json);
    const all = await since('2026-12-01T00:00:00Z');
    expect(all.params.orders.map((o: { orderid: string }) => o.orderid)).toEqual(['12', '11']);
    const later = await since('2026-12-01T10:01:00Z');
    expect(later.params).toMatchObject({
      count: 1,
      orders: [{ orderid: '11', status: 'Refunded', time: '2026-12-01T10:01:00Z' }],
    });
    expect((await since('2026-12-01T00:00:00Z', 'CHARGEBACK')).params.count).toBe(1);
    expect((await since('yesterday')).error.errorcode).toBe(3);
  });

  it('fails the next call as asked: a Steam refusal, an HTTP error, a cut connection', async () => {
    steam.failNext('QueryTxn', { errorcode: 4, errordesc: 'Internal error' });
    steam.failNext('QueryTxn', { httpStatus: 503 });
    steam.failNext('QueryTxn', { hangUp: true });
    const query = () => get('QueryTxn', 3, { key: steam.publisherKey, appid: '480', orderid: '1' });
    expect((await json(await query())).error).toEqual({ errorcode: 4, errordesc: 'Internal error' });
    expect((await query()).status).toBe(503);
    await expect(query()).rejects.toThrow();
    expect((await json(await query())).error.errorcode).toBe(3);
  });
});
