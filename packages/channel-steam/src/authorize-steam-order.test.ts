import { describe, expect, it } from 'vitest';
import { authorizeSteamOrder } from './authorize-steam-order.js';
import type { MicroTxnAuthorizationResponse, SteamworksClient } from './steamworks-binding.js';

/** A binding whose callbacks the test fires, and a fetch that accepts every init. */
function fakeSteam() {
  const handlers = new Set<(value: MicroTxnAuthorizationResponse) => void>();
  const steam: SteamworksClient = {
    localplayer: { getSteamId: () => ({ steamId64: 76561197960287930n }) },
    apps: { currentGameLanguage: () => 'french' },
    callback: {
      register(id, handler) {
        expect(id).toBe(9);
        handlers.add(handler);
        return { disconnect: () => void handlers.delete(handler) };
      },
    },
  };
  const fire = (value: MicroTxnAuthorizationResponse) => {
    for (const handler of [...handlers]) handler(value);
  };
  const bodies: unknown[] = [];
  const fetch = (async (_url: string, init: RequestInit) => {
    bodies.push(JSON.parse(String(init.body)));
    return new Response('{"orderid":"1"}', { status: 200 });
  }) as typeof globalThis.fetch;
  return { steam, fire, handlers, bodies, fetch };
}

const launch = {
  orderid: '9007199254740993',
  appId: 480,
  initUrl: 'http://127.0.0.1:1/v1/steam/orders/b_1/init?token=t',
};
const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('authorizeSteamOrder', () => {
  it('sends the SteamID and language, then resolves the callback about this order and app only', async () => {
    const fake = fakeSteam();
    const proof = authorizeSteamOrder({
      steam: fake.steam,
      launch,
      signal: new AbortController().signal,
      fetch: fake.fetch,
    });
    await tick();
    expect(fake.bodies).toEqual([{ steamId: '76561197960287930', language: 'french' }]);
    fake.fire({ app_id: 481, order_id: 9007199254740993n, authorized: true });
    fake.fire({ app_id: 480, order_id: 9007199254740992, authorized: true });
    fake.fire({ app_id: 480, order_id: 9007199254740993n, authorized: false });
    expect(await proof).toEqual({ orderid: '9007199254740993', authorized: false });
    expect(fake.handlers.size).toBe(0);
  });

  it('reads the order id as a number, a bigint or a string, as bindings deliver it', async () => {
    for (const order_id of [42, 42n, '42']) {
      const fake = fakeSteam();
      const small = { ...launch, orderid: '42' };
      const proof = authorizeSteamOrder({
        steam: fake.steam,
        launch: small,
        signal: new AbortController().signal,
        fetch: fake.fetch,
      });
      await tick();
      fake.fire({ app_id: 480, order_id, authorized: true });
      expect(await proof).toEqual({ orderid: '42', authorized: true });
    }
  });

  it('rejects with the signal’s reason on abort and removes its handler', async () => {
    const fake = fakeSteam();
    const controller = new AbortController();
    const proof = authorizeSteamOrder({ steam: fake.steam, launch, signal: controller.signal, fetch: fake.fetch });
    await tick();
    expect(fake.handlers.size).toBe(1);
    const reason = new Error('gave up');
    controller.abort(reason);
    await expect(proof).rejects.toBe(reason);
    expect(fake.handlers.size).toBe(0);
  });
});
