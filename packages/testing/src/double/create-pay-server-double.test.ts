import { isIdempotencyKey } from '@coinslot/protocol';
import { createCoinslot, type Coinslot, type PurchaseRequest } from '@coinslot/core';
import { describe, expect, it } from 'vitest';
import { useDoubleOnMsw } from '../test-support/double-on-msw.js';
import { createMockChannel } from '../mock-channel/create-mock-channel.js';
import type { MockChannelOptions } from '../mock-channel/mock-channel-types.js';
import type { ScriptedOutcome } from './scripted-outcome.js';

// The real core against the double, exactly as a game's own tests would use them.
const env = useDoubleOnMsw({ slowMs: 300 });
const { games } = env;

function game(mock: MockChannelOptions = {}): Coinslot {
  const channel = createMockChannel(mock);
  const coinslot = createCoinslot({
    server: env.double.url,
    channels: { mock: async () => channel },
    trustedKeys: env.double.publicKeys,
    platform: 'node',
  });
  games.push(coinslot);
  return coinslot;
}

let player = 0;
const gemPack = (extra: Partial<PurchaseRequest> = {}): PurchaseRequest => ({
  channel: 'mock',
  userId: `player-${++player}`,
  itemId: 'gem-pack',
  amount: 499,
  currency: 'USD',
  ...extra,
});

describe('createPayServerDouble with the real core', () => {
  it('answers a full purchase as paid, records every call and keeps the bill', async () => {
    const coinslot = game();
    const { status, bill } = await coinslot.purchase(gemPack({ passThrough: 'order-1' }));
    expect(status).toBe('paid');
    expect(await coinslot.deliver(bill.id)).toMatchObject({ alreadyDelivered: false });

    expect(env.double.bills.get(bill.id)).toMatchObject({
      state: 'delivered',
      itemId: 'gem-pack',
      passThrough: 'order-1',
    });
    const [create] = env.double.callsTo('POST', '/v1/bills');
    expect(create).toMatchObject({
      from: 'client',
      status: 201,
      body: { itemId: 'gem-pack', amount: 499, channel: 'mock' },
    });
    expect(isIdempotencyKey(create?.headers['idempotency-key'])).toBe(true);
    expect(env.double.callsTo('GET', /\/result$/)[0]?.query).toMatchObject({
      nonce: expect.any(String),
      wait: expect.any(String),
    });
    expect(env.double.callsTo('POST', `/v1/bills/${bill.id}/deliver`)).toHaveLength(1);
  });

  it.each<[ScriptedOutcome, string]>([
    ['paid', 'paid'],
    ['declined', 'declined'],
    ['cancelled', 'cancelled'],
    ['slow', 'paid'],
    ['never', 'pending'],
    ['duplicate', 'paid'],
  ])('scripted %s ends the purchase %s', async (outcome, status) => {
    env.double.script(outcome);
    const started = Date.now();
    const result = await game().purchase(gemPack({ deadlineMs: 1500 }));
    expect(result.status).toBe(status);
    if (outcome === 'slow') expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    if (outcome === 'declined') expect(result.reason).toBe('declined');
  });

  it('delivers a duplicate result twice, and the game sees one paid outcome', async () => {
    env.double.script('duplicate');
    const coinslot = game();
    const paid: string[] = [];
    coinslot.on('bill-paid', ({ bill }) => paid.push(bill.id));
    const { status, bill } = await coinslot.purchase(gemPack());
    expect(status).toBe('paid');
    expect(paid).toEqual([bill.id]);
    const notifications = env.double.callsTo('POST', '/v1/notify/mock');
    expect(notifications.map((call) => [call.from, call.status])).toEqual([
      ['channel', 200],
      ['channel', 200],
    ]);
    expect(env.double.callsTo('POST', '/v1/bills')).toHaveLength(1);
    expect(await coinslot.deliver(bill.id)).toMatchObject({ alreadyDelivered: false });
    expect(await coinslot.deliver(bill.id)).toMatchObject({ alreadyDelivered: true });
  });

  it('scripts per item, per player and once, newest rule first', async () => {
    env.double.script('declined', { itemId: 'sword' });
    env.double.script('cancelled', { itemId: 'sword', once: true });
    const coinslot = game();
    expect((await coinslot.purchase(gemPack({ itemId: 'sword' }))).status).toBe('cancelled');
    expect((await coinslot.purchase(gemPack({ itemId: 'sword' }))).status).toBe('declined');
    expect((await coinslot.purchase(gemPack())).status).toBe('paid');
  });

  it('settles a bill on demand, as the channel server would', async () => {
    env.double.script('never');
    const coinslot = game();
    coinslot.on('bill-created', ({ bill }) => void env.double.settle(bill.id, 'paid'));
    expect((await coinslot.purchase(gemPack({ deadlineMs: 5000 }))).status).toBe('paid');
    await expect(env.double.settle('b_unknown', 'paid')).rejects.toThrow(/no bill b_unknown/);
  });

  it.each<[ScriptedOutcome, string]>([
    ['paid', 'paid'],
    ['declined', 'declined'],
  ])('verifies a client proof by the script: %s → %s', async (outcome, status) => {
    env.double.script(outcome);
    const { bill, status: got } = await game({ outcome: 'proof' }).purchase(gemPack());
    expect(got).toBe(status);
    expect(env.double.callsTo('POST', `/v1/bills/${bill.id}/report`)[0]).toMatchObject({
      status: 200,
      body: { proof: { mock: true, billId: bill.id } },
    });
  });

  it('refuses a proof when the channel never confirms', async () => {
    env.double.script('never');
    await expect(game({ outcome: 'proof' }).purchase(gemPack())).rejects.toMatchObject({ code: 'PAY_SERVER_ERROR' });
    expect(env.double.callsTo('POST', /\/report$/)[0]?.status).toBe(400);
  });
});
