import { describe, expect, it } from 'vitest';
import { createCoinslot } from '../create-coinslot.js';
import type { CoinslotOptions } from '../coinslot-options.js';
import type { SkippedChannel } from './channel-resolution.js';
import { fakeChannel, gemPack, testCoinslot } from '../test-support/fake-channel.js';
import { useFakePayServer } from '../test-support/msw-server.js';

const { fake } = useFakePayServer();

const resolve = async (channels: CoinslotOptions['channels'], extra: Partial<CoinslotOptions> = {}) => {
  const coinslot = createCoinslot({ server: 'https://pay.test', channels, platform: 'node', ...extra });
  const events: Array<[string, unknown]> = [];
  coinslot.on('channel-loaded', (payload) => events.push(['channel-loaded', payload]));
  coinslot.on('channel-skipped', (payload) => events.push(['channel-skipped', payload]));
  const resolution = await coinslot.ready();
  const reasons = Object.fromEntries(resolution.skipped.map((s: SkippedChannel) => [s.channel, s.reason]));
  return { coinslot, resolution, reasons, events };
};

describe('channel resolution', () => {
  it('sorts every channel into ready or skipped with the reason, and emits an event for each', async () => {
    const { resolution, reasons, events } = await resolve({
      fake: async () => ({ default: fakeChannel() }),
      plain: async () => fakeChannel(undefined, { id: 'plain' }),
      missing: () => import('coinslot-fixture-not-installed' as string),
      broken: () => import('../../test-fixtures/broken-adapter/index.mjs' as string),
      named: {
        package: 'coinslot-fixture-broken-adapter',
        load: () => import('../../test-fixtures/broken-adapter/index.mjs' as string),
      },
      throws: async () => {
        throw new Error('top-level await failed');
      },
      empty: async () => ({ default: { hello: 'world' } }) as never,
      renamed: async () => fakeChannel(undefined, { id: 'other' }),
      wechat: async () => fakeChannel(undefined, { id: 'wechat', isAvailable: () => false }),
      shaky: async () =>
        fakeChannel(undefined, {
          id: 'shaky',
          isAvailable: () => {
            throw new Error('no navigator');
          },
        }),
      browser: async () =>
        fakeChannel(undefined, {
          id: 'browser',
          capabilities: { platforms: ['web'], presentations: ['popup'], needsUserGesture: true },
        }),
      noinit: async () =>
        fakeChannel(undefined, {
          id: 'noinit',
          init: async () => {
            throw new Error('vendor script failed');
          },
        }),
      future: async () => ({ default: { ...fakeChannel(undefined, { id: 'future' }), specVersion: 2 } }) as never,
    });
    expect([...resolution.ready.keys()]).toEqual(['fake', 'plain']);
    expect(reasons).toEqual({
      missing: 'not-installed',
      broken: 'load-failed',
      named: 'load-failed',
      throws: 'load-failed',
      empty: 'load-failed',
      renamed: 'load-failed',
      wechat: 'unsupported',
      shaky: 'unsupported',
      browser: 'unsupported',
      noinit: 'unsupported',
      future: 'version-mismatch',
    });
    expect(events.map(([name]) => name)).toEqual([
      'channel-loaded',
      'channel-loaded',
      ...Array(11).fill('channel-skipped'),
    ]);
    const broken = resolution.skipped.find((s) => s.channel === 'named');
    expect(broken?.message).toMatch(/coinslot-fixture-missing-dependency/);
    expect(resolution.skipped.find((s) => s.channel === 'renamed')?.message).toMatch(/id is "other"/);
  });

  it('calls every loader in parallel, once, and memoises the resolution', async () => {
    let running = 0;
    let peak = 0;
    let calls = 0;
    const slow = (id: string) => async () => {
      calls += 1;
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, 30));
      running -= 1;
      return fakeChannel(undefined, { id });
    };
    const { coinslot, resolution } = await resolve({ a: slow('a'), b: slow('b'), c: slow('c') });
    expect(peak).toBe(3);
    expect(await coinslot.ready()).toBe(resolution);
    expect(calls).toBe(3);
  });

  it('passes the channel options and environment to init', async () => {
    const seen: unknown[] = [];
    const adapter = fakeChannel(undefined, {
      init: (ctx, options) => void seen.push(ctx.platform, ctx.serverUrl, options),
    });
    await resolve({ fake: async () => adapter }, { channelOptions: { fake: { presentation: 'headless' } } });
    expect(seen).toEqual(['node', 'https://pay.test', { presentation: 'headless' }]);
  });

  it('tries a load-failed channel again on the next ready(), and keeps the others as they were', async () => {
    let attempts = 0;
    const flaky = async () => {
      attempts += 1;
      if (attempts === 1)
        throw new TypeError('Failed to fetch dynamically imported module: http://game.test/assets/flaky-3f2a.js');
      return fakeChannel(undefined, { id: 'flaky' });
    };
    const { coinslot, resolution, reasons, events } = await resolve({
      fake: async () => fakeChannel(),
      flaky,
      missing: () => import('coinslot-fixture-not-installed' as string),
    });
    expect([...resolution.ready.keys()]).toEqual(['fake']);
    expect(reasons).toEqual({ flaky: 'load-failed', missing: 'not-installed' });

    const again = await coinslot.ready();
    expect([...again.ready.keys()]).toEqual(['fake', 'flaky']);
    expect(again.skipped.map((s) => [s.channel, s.reason])).toEqual([['missing', 'not-installed']]);
    expect(attempts).toBe(2);
    expect(events.map(([name, payload]) => [name, (payload as { channel: string }).channel])).toEqual([
      ['channel-loaded', 'fake'],
      ['channel-skipped', 'flaky'],
      ['channel-skipped', 'missing'],
      ['channel-loaded', 'flaky'],
    ]);
    expect(await coinslot.ready()).toBe(again);
    expect(attempts).toBe(2);
  });

  it('a purchase on a channel whose load failed loads it again first, and buys once it loads', async () => {
    let attempts = 0;
    const adapter = fakeChannel(async (ctx) => (fake().settle(ctx.bill.id, 'paid'), { kind: 'launched' }));
    const coinslot = testCoinslot(fake(), [], {
      channels: {
        fake: async () => {
          attempts += 1;
          if (attempts === 1) throw Object.assign(new Error('Loading chunk 7 failed.'), { name: 'ChunkLoadError' });
          return adapter;
        },
      },
    });
    expect((await coinslot.ready()).skipped).toMatchObject([{ channel: 'fake', reason: 'load-failed' }]);
    expect(await coinslot.purchase(gemPack)).toMatchObject({ status: 'paid' });
    expect(attempts).toBe(2);
  });
});
