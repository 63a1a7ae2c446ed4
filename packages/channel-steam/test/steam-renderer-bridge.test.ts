import { CoinslotError, createCoinslot, createMemoryStorage } from '@coinslot/core';
import { runChannelConformance, type DriveContext } from '@coinslot/testing/conformance';
import { startSteamEmulator, type SteamworksStandIn } from '@coinslot/testing/emulators';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createSteamMainBridge,
  createSteamPreloadBridge,
  createSteamRendererChannel,
  STEAM_BRIDGE_CHANNELS,
  type SteamBridge,
  type SteamBridgeChannel,
} from '../src/index.js';
import { buyCoins, createBill, startSteamStack, type SteamStack } from './steam-stack.js';

// Core in an Electron renderer, the binding in the main process. Electron cannot run here, so the IPC between the
// preload and the main process is a stand-in that copies every payload with structuredClone both ways (as Electron's
// IPC serialises), and the preload's bridge is called directly (no contextBridge world). The main process's side is
// the real createSteamMainBridge over the steamworks.js stand-in; the pay server and driver are real.
const steam = await startSteamEmulator();
const player = steam.connectClient();
let stack: SteamStack | undefined;
afterAll(() => steam.close());

/** window.coinslotSteam for a renderer whose main process runs the Steam bridge for `client`. */
function rendererBridge(client: SteamworksStandIn, payServerUrl: string, crossings: unknown[] = []): SteamBridge {
  const handlers = createSteamMainBridge({ steam: client, payServerUrl });
  return createSteamPreloadBridge(async (channel: SteamBridgeChannel, payload?: unknown) => {
    crossings.push(structuredClone(payload));
    return structuredClone(await handlers[channel](structuredClone(payload)));
  });
}

async function playerAnswers(ctx: DriveContext, answer: 'authorize' | 'decline' | 'cancel'): Promise<void> {
  const orderid = String(ctx.launch.orderid);
  await player.overlay.waitFor(orderid);
  player.overlay[answer](orderid);
}

runChannelConformance({
  name: 'steam (renderer over the IPC bridge) on a real pay server and the Steam emulator',
  channel: () =>
    createSteamRendererChannel({ bridge: rendererBridge(player, stack?.server.url ?? 'http://127.0.0.1') }),
  environment: { platform: 'electron-renderer' },
  server: {
    async start() {
      stack = await startSteamStack({ steam, player });
      return { url: stack.server.url, trustedKeys: stack.server.payServer.publicKeys(), close: stack.close };
    },
  },
  drive: {
    approve: (ctx) => playerAnswers(ctx, 'authorize'),
    decline: (ctx) => playerAnswers(ctx, 'decline'),
    cancel: (ctx) => playerAnswers(ctx, 'cancel'),
  },
});

describe('the Steam bridge between renderer and main process', () => {
  it('buys through the renderer: only the bill id, the launch payload and the proof cross IPC', async () => {
    const own = await startSteamStack({ steam, player });
    try {
      const crossings: unknown[] = [];
      const coinslot = createCoinslot({
        server: own.server.url,
        trustedKeys: own.server.payServer.publicKeys(),
        platform: 'electron-renderer',
        storage: createMemoryStorage(),
        channels: {
          steam: async () => createSteamRendererChannel({ bridge: rendererBridge(player, own.server.url, crossings) }),
        },
      });
      const buying = buyCoins(coinslot);
      player.overlay.authorize(await player.overlay.waitFor());
      const result = await buying;
      expect(result.status).toBe('paid');
      const authorize = crossings.find(
        (payload) => typeof payload === 'object' && payload !== null && 'launch' in payload,
      );
      expect(authorize).toEqual({
        billId: result.bill.id,
        launch: expect.objectContaining({ orderid: expect.any(String) }),
      });
      expect(JSON.stringify(crossings)).not.toContain(steam.publisherKey);
      await coinslot.dispose();
    } finally {
      await own.close();
    }
  });

  it('the main process refuses a launch whose initUrl is not the configured pay server (no SteamID sent elsewhere)', async () => {
    const bridge = rendererBridge(player, 'https://pay.example.com');
    const error = await bridge
      .authorize({ billId: 'b_1', launch: { orderid: '12', appId: 480, initUrl: 'https://evil.example/collect' } })
      .catch((caught: unknown) => caught);
    expect(CoinslotError.isInstance(error) && error.code).toBe('INVALID_REQUEST');
    expect(player.handlerCount()).toBe(0);
  });

  it('the main process refuses malformed requests, and answers failures as data the preload turns into errors', async () => {
    const handlers = createSteamMainBridge({ steam: player, payServerUrl: 'https://pay.example.com' });
    expect(await handlers[STEAM_BRIDGE_CHANNELS.authorize]('nonsense')).toMatchObject({
      ok: false,
      error: { code: 'INVALID_REQUEST' },
    });
    expect(await handlers[STEAM_BRIDGE_CHANNELS.authorize]({ billId: 'b_1', launch: { orderid: 'x' } })).toMatchObject({
      ok: false,
      error: { code: 'CHANNEL_LAUNCH_FAILED' },
    });
    expect(await handlers[STEAM_BRIDGE_CHANNELS.available](undefined)).toEqual({ ok: true, value: true });
  });

  it('cancel from the renderer stops the main process waiting and removes its callback handler', async () => {
    const own = await startSteamStack({ steam, player });
    try {
      const bridge = rendererBridge(player, own.server.url);
      const { bill, launch } = await createBill(own);
      const waiting = bridge.authorize({ billId: bill.id, launch }).catch((caught: unknown) => caught);
      await player.overlay.waitFor(String(launch.orderid));
      expect(player.handlerCount()).toBe(1);
      await bridge.cancel(bill.id);
      const error = await waiting;
      expect(CoinslotError.isInstance(error) && error.code).toBe('ABORTED');
      expect(player.handlerCount()).toBe(0);
    } finally {
      await own.close();
    }
  });
});

describe('the default export (the renderer adapter over window.coinslotSteam)', () => {
  it('reads window.coinslotSteam when used: unavailable without it, available and buying with it', async () => {
    const { default: steamChannel } = await import('../src/index.js');
    const env = { platform: 'electron-renderer' as const, serverUrl: 'http://127.0.0.1', logger: console };
    expect(await steamChannel.isAvailable(env)).toBe(false);
    const own = await startSteamStack({ steam, player });
    const page = globalThis as { coinslotSteam?: unknown };
    page.coinslotSteam = rendererBridge(player, own.server.url);
    try {
      expect(await steamChannel.isAvailable(env)).toBe(true);
      expect(await steamChannel.isAvailable({ ...env, platform: 'web' })).toBe(false);
      const coinslot = createCoinslot({
        server: own.server.url,
        trustedKeys: own.server.payServer.publicKeys(),
        platform: 'electron-renderer',
        storage: createMemoryStorage(),
        channels: { steam: () => import('../src/index.js') },
      });
      const buying = buyCoins(coinslot);
      player.overlay.authorize(await player.overlay.waitFor());
      expect((await buying).status).toBe('paid');
      await coinslot.dispose();
    } finally {
      delete page.coinslotSteam;
      await own.close();
    }
  });
});
