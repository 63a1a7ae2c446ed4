import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { coins100, startTestWorld, type TestWorld } from './support/test-world.js';

let world: TestWorld;
beforeEach(async () => {
  world = await startTestWorld();
});
afterEach(() => world.close());

describe('a purchase against the real pay server over loopback', () => {
  it('is paid and delivered with a server-result channel', async () => {
    const coinslot = world.client();
    const result = await coinslot.purchase(coins100('p-server'));
    expect(result.status).toBe('paid');
    expect(result.bill).toMatchObject({ itemId: 'coins-100', amount: 99, currency: 'USD', state: 'paid' });
    expect((await world.bill(result.bill.id)).state).toBe('paid');

    const delivered = await coinslot.deliver(result.bill.id);
    expect(delivered.alreadyDelivered).toBe(false);
    expect((await world.bill(result.bill.id)).state).toBe('delivered');
  });

  it('is paid with a client-result channel whose proof the server verifies', async () => {
    const coinslot = world.client({
      channels: {
        sandbox: () => import('@coinslot/channel-sandbox').then((m) => m.createSandboxChannel({ mode: 'client' })),
      },
    });
    const result = await coinslot.purchase(coins100('p-client'));
    expect(result.status).toBe('paid');
    expect((await world.bill(result.bill.id)).state).toBe('paid');
  });

  it('ends declined when the channel declines, and the bill failed', async () => {
    const coinslot = world.client({
      channelOptions: { sandbox: { presentation: 'headless', headlessDecision: 'decline' } },
    });
    const result = await coinslot.purchase(coins100('p-decline'));
    expect(result.status).toBe('declined');
    expect(result.reason).toBe('declined');
    expect((await world.bill(result.bill.id)).state).toBe('failed');
  });

  it('ends cancelled when the player cancels, and deliver is refused', async () => {
    const coinslot = world.client({
      channelOptions: { sandbox: { presentation: 'headless', headlessDecision: 'cancel' } },
    });
    const result = await coinslot.purchase(coins100('p-cancel'));
    expect(result.status).toBe('cancelled');
    expect((await world.bill(result.bill.id)).state).toBe('cancelled');
    await expect(coinslot.deliver(result.bill.id)).rejects.toMatchObject({ serverCode: 'INVALID_TRANSITION' });
    expect((await world.bill(result.bill.id)).state).toBe('cancelled');
  });

  it('delivers exactly once when deliver is called twice', async () => {
    const coinslot = world.client();
    const { bill } = await coinslot.purchase(coins100('p-twice'));
    const first = await coinslot.deliver(bill.id);
    const second = await coinslot.deliver(bill.id);
    expect([first.alreadyDelivered, second.alreadyDelivered]).toEqual([false, true]);
    expect(second.bill.deliveredAt).toBe(first.bill.deliveredAt);
  });

  it('refuses a price that differs from the catalog and creates no bill', async () => {
    const coinslot = world.client();
    await expect(coinslot.purchase({ ...coins100('p-cheat'), amount: 1 })).rejects.toMatchObject({
      serverCode: 'AMOUNT_MISMATCH',
    });
    expect(await world.bills('p-cheat', 'created')).toEqual([]);
  });

  it('names the ready channels when asked for one that is not there', async () => {
    const coinslot = world.client();
    await expect(coinslot.purchase({ ...coins100('p-unknown'), channel: 'stripe' })).rejects.toMatchObject({
      code: 'CHANNEL_UNAVAILABLE',
      message: expect.stringContaining('sandbox'),
    });
    expect(await world.bills('p-unknown', 'created')).toEqual([]);
  });
});
