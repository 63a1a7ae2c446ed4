import { createCoinslot, type Coinslot, type PayContext } from '@coinslot/core';
import { describe, expect, it } from 'vitest';
import { useDoubleOnMsw } from '../test-support/double-on-msw.js';
import { createMockChannel } from './create-mock-channel.js';
import type { MockChannel } from './mock-channel-types.js';

const env = useDoubleOnMsw();
const { games } = env;

function game(mock: MockChannel, channelOptions?: unknown): Coinslot {
  const coinslot = createCoinslot({
    server: env.double.url,
    channels: { mock: async () => mock },
    channelOptions: { mock: channelOptions },
    trustedKeys: env.double.publicKeys,
    platform: 'node',
  });
  games.push(coinslot);
  return coinslot;
}

const buy = (coinslot: Coinslot, signal?: AbortSignal) =>
  coinslot.purchase({
    channel: 'mock',
    userId: 'player-1',
    itemId: 'gem',
    amount: 100,
    currency: 'USD',
    ...(signal ? { signal } : {}),
  });

describe('createMockChannel', () => {
  it('is a valid adapter that records isAvailable, init, pay and dispose', async () => {
    const mock = createMockChannel();
    const coinslot = game(mock, { outcome: 'launched' });
    const { bill, status } = await buy(coinslot);
    expect(status).toBe('paid');
    await coinslot.dispose();
    expect(mock.calls.map((call) => call.method)).toEqual(['isAvailable', 'init', 'pay', 'dispose']);
    expect(mock.payments[0]).toMatchObject({ settled: true, outcome: { kind: 'launched' } });
    expect((mock.payments[0]!.ctx as PayContext).bill.id).toBe(bill.id);
    expect(mock.disposed).toBe(true);
  });

  it.each([
    ['cancelled', 'cancelled'],
    ['proof', 'paid'],
  ] as const)('%s ends the purchase %s', async (outcome, status) => {
    const mock = createMockChannel({ outcome });
    expect(mock.resultSource).toBe(outcome === 'proof' ? 'client' : 'server');
    expect((await buy(game(mock))).status).toBe(status);
  });

  it('throws: core cancels the bill and rejects with CHANNEL_LAUNCH_FAILED', async () => {
    const mock = createMockChannel({ outcome: { throws: new Error('vendor script blocked') } });
    await expect(buy(game(mock))).rejects.toMatchObject({
      code: 'CHANNEL_LAUNCH_FAILED',
      message: expect.stringContaining('vendor script blocked'),
    });
    expect([...env.double.bills.values()][0]?.state).toBe('cancelled');
    expect(mock.payments[0]?.error).toBeInstanceOf(Error);
  });

  it('hangs until the purchase is aborted, then settles with the signal’s reason', async () => {
    const mock = createMockChannel({ outcome: 'hangs' });
    const controller = new AbortController();
    const purchase = buy(game(mock), controller.signal);
    await expect.poll(() => mock.payments.length).toBe(1);
    expect(mock.payments[0]?.settled).toBe(false);
    controller.abort();
    await expect(purchase).rejects.toMatchObject({ code: 'ABORTED' });
    await expect.poll(() => mock.payments[0]?.settled).toBe(true);
    expect((mock.payments[0]!.ctx as PayContext).signal.aborted).toBe(true);
  });

  it('takes delayMs to settle, and switches outcome with setOutcome or a function', async () => {
    const mock = createMockChannel({
      delayMs: 50,
      outcome: (ctx) => (ctx.bill.itemId === 'gem' ? 'cancelled' : 'launched'),
    });
    const coinslot = game(mock);
    const started = Date.now();
    expect((await buy(coinslot)).status).toBe('cancelled');
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
    mock.setOutcome('launched');
    expect((await buy(coinslot)).status).toBe('paid');
  });

  it('is skipped as unsupported when not available, and declares what it was given', async () => {
    const mock = createMockChannel({
      id: 'steam',
      available: false,
      capabilities: { platforms: ['electron-main'], needsUserGesture: true },
    });
    expect(mock.capabilities).toEqual({
      platforms: ['electron-main'],
      presentations: ['headless'],
      needsUserGesture: true,
    });
    const coinslot = createCoinslot({
      server: env.double.url,
      channels: { steam: async () => mock },
      platform: 'electron-main',
    });
    games.push(coinslot);
    expect((await coinslot.ready()).skipped).toEqual([
      expect.objectContaining({ channel: 'steam', reason: 'unsupported' }),
    ]);
  });
});
