import { describe, expect, it, vi } from 'vitest';
import { createCoinslot } from './create-coinslot.js';
import type { CoinslotEventName } from './events/event-map.js';
import { fakeChannel, gemPack, testCoinslot } from './test-support/fake-channel.js';
import { SERVER } from './test-support/fake-pay-server.js';
import { useFakePayServer } from './test-support/msw-server.js';

const { fake } = useFakePayServer();

describe('createCoinslot', () => {
  it.each([
    ['a relative server', { server: '/pay' }],
    ['a non-http server', { server: 'ftp://pay.test' }],
    ['a bad channel id', { channels: { Sandbox: async () => fakeChannel() } }],
    ['a loader that is not one', { channels: { fake: 'channel-package' } }],
    ['waitSeconds over 25', { waitSeconds: 60 }],
    ['an empty trustedKeys', { trustedKeys: [] }],
  ])('throws INVALID_OPTIONS for %s', (_, change) => {
    expect(() => createCoinslot({ server: SERVER, channels: {}, ...change } as never)).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTIONS' }),
    );
  });

  it('emits every purchase event with its payload', async () => {
    const channel = fakeChannel(async (ctx) => {
      fake().settle(ctx.bill.id, 'paid');
      return { kind: 'launched' };
    });
    const coinslot = testCoinslot(fake(), [channel]);
    const seen: Array<[CoinslotEventName, unknown]> = [];
    for (const name of ['channel-loaded', 'bill-created', 'bill-paid', 'bill-delivered'] as const) {
      coinslot.on(name, (payload) => seen.push([name, payload]));
    }
    const { bill } = await coinslot.purchase(gemPack);
    await coinslot.deliver(bill.id);
    expect(seen.map(([name]) => name)).toEqual(['channel-loaded', 'bill-created', 'bill-paid', 'bill-delivered']);
    expect(seen[1]![1]).toEqual({ bill: expect.objectContaining({ id: bill.id, state: 'created' }) });
    expect(seen[2]![1]).toEqual({ bill });
    expect(seen[3]![1]).toEqual({ bill: expect.objectContaining({ state: 'delivered' }), alreadyDelivered: false });
  });

  it('fetches the server keys once when none are pinned', async () => {
    const channel = fakeChannel(async (ctx) => {
      fake().settle(ctx.bill.id, 'paid');
      return { kind: 'launched' };
    });
    const coinslot = createCoinslot({ server: SERVER, channels: { fake: async () => channel }, platform: 'node' });
    await coinslot.purchase(gemPack);
    await coinslot.purchase(gemPack);
    expect(fake().requestsTo('GET', '/v1/keys')).toHaveLength(1);
  });

  it('dispose() aborts a waiting purchase with DISPOSED, disposes adapters and refuses new work', async () => {
    const channel = fakeChannel();
    const coinslot = testCoinslot(fake(), [channel]);
    const listener = vi.fn();
    coinslot.on('bill-paid', listener);
    const purchase = coinslot.purchase(gemPack);
    await vi.waitFor(() => expect(fake().requestsTo('GET', /\/result$/)).toHaveLength(1));
    await coinslot.dispose();
    await expect(purchase).rejects.toMatchObject({ code: 'DISPOSED' });
    expect(channel.dispose).toHaveBeenCalledOnce();
    await expect(coinslot.purchase(gemPack)).rejects.toMatchObject({ code: 'DISPOSED' });
    await expect(coinslot.ready()).rejects.toMatchObject({ code: 'DISPOSED' });
    fake().settle([...fake().bills.keys()][0]!, 'paid');
    expect(listener).not.toHaveBeenCalled();
  });
});
