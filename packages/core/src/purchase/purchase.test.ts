import { describe, expect, it } from 'vitest';
import { fakeChannel, gemPack, testCoinslot } from '../test-support/fake-channel.js';
import { advancing, useFakeClock } from '../test-support/fake-clock.js';
import { useFakePayServer } from '../test-support/msw-server.js';
import { SDK_VERSION } from '../version.js';

const { fake } = useFakePayServer();
useFakeClock();

describe('purchase', () => {
  it('creates the bill, launches the channel and answers the verified server result', async () => {
    const channel = fakeChannel(async (ctx) => {
      setTimeout(() => fake().settle(ctx.bill.id, 'paid'), 50);
      return { kind: 'launched' };
    });
    const coinslot = testCoinslot(fake(), [channel], { appVersion: '1.4.0' });
    const result = await advancing(coinslot.purchase({ ...gemPack, passThrough: 'order-7781' }));

    expect(result.status).toBe('paid');
    expect(result.bill).toMatchObject({ state: 'paid', amount: 499, passThrough: 'order-7781', channel: 'fake' });
    const [create] = fake().requestsTo('POST', '/v1/bills');
    expect(create?.body).toMatchObject({
      ...gemPack,
      quantity: 1,
      sdkVersion: SDK_VERSION,
      appVersion: '1.4.0',
      os: expect.any(String),
    });
    const ctx = channel.pay.mock.calls[0]![0];
    expect(ctx.launch).toEqual({ checkoutUrl: expect.stringContaining(result.bill.id) });
    expect(ctx.presentation).toBe('headless');
    expect(ctx.signal.aborted).toBe(true); // ended with the purchase
  });

  it('hands pay() the channel options of the instance paying, so one adapter object serves two instances', async () => {
    const shared = fakeChannel(async (ctx) => {
      fake().settle(ctx.bill.id, 'paid');
      return { kind: 'launched' };
    });
    await testCoinslot(fake(), [shared], { channelOptions: { fake: { tier: 'gold' } } }).purchase(gemPack);
    await testCoinslot(fake(), [shared], { channelOptions: { fake: { tier: 'free' } } }).purchase(gemPack);
    await testCoinslot(fake(), [shared]).purchase(gemPack);
    expect(shared.pay.mock.calls.map(([ctx]) => ctx.options)).toEqual([{ tier: 'gold' }, { tier: 'free' }, undefined]);
  });

  it('reports a client-result proof, then reads the signed result', async () => {
    const channel = fakeChannel(async () => ({ kind: 'proof', proof: { valid: true } }), { resultSource: 'client' });
    const result = await testCoinslot(fake(), [channel]).purchase(gemPack);
    expect(result.status).toBe('paid');
    expect(fake().requestsTo('POST', /\/report$/)[0]?.body).toEqual({ proof: { valid: true } });
  });

  it('answers declined with the reason when the channel declines', async () => {
    const channel = fakeChannel(async (ctx) => {
      fake().settle(ctx.bill.id, 'failed', 'declined');
      return { kind: 'launched' };
    });
    const result = await testCoinslot(fake(), [channel]).purchase(gemPack);
    expect(result).toMatchObject({
      status: 'declined',
      reason: 'declined',
      bill: { state: 'failed', failureReason: 'declined' },
    });
  });

  it('cancels the bill when the player cancels', async () => {
    const channel = fakeChannel(async () => ({ kind: 'cancelled', reason: 'closed' }));
    const result = await testCoinslot(fake(), [channel]).purchase(gemPack);
    expect(result.status).toBe('cancelled');
    expect(fake().requestsTo('POST', /\/cancel$/)[0]?.body).toEqual({ reason: 'closed' });
  });

  it('answers paid when a cancel races a payment (409 INVALID_TRANSITION)', async () => {
    const channel = fakeChannel(async (ctx) => {
      fake().settle(ctx.bill.id, 'paid');
      return { kind: 'cancelled' };
    });
    const result = await testCoinslot(fake(), [channel]).purchase(gemPack);
    expect(result.status).toBe('paid');
    expect(fake().requestsTo('POST', /\/cancel$/)).toHaveLength(1);
  });

  it('answers expired for a bill that expired', async () => {
    const channel = fakeChannel(async (ctx) => {
      fake().settle(ctx.bill.id, 'expired');
      return { kind: 'launched' };
    });
    expect((await testCoinslot(fake(), [channel]).purchase(gemPack)).status).toBe('expired');
  });

  it('records the delivery once; repeating it is harmless', async () => {
    const channel = fakeChannel(async (ctx) => {
      fake().settle(ctx.bill.id, 'paid');
      return { kind: 'launched' };
    });
    const coinslot = testCoinslot(fake(), [channel]);
    const { bill } = await coinslot.purchase(gemPack);
    expect(await coinslot.deliver(bill.id)).toMatchObject({ alreadyDelivered: false, bill: { state: 'delivered' } });
    expect(await coinslot.deliver(bill.id)).toMatchObject({ alreadyDelivered: true });
  });
});
