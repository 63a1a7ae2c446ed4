import { CoinslotError, defineChannel, type PaymentInterface, type PayOutcome } from '@coinslot/core';
import { anySignal } from '@coinslot/core/channel-kit';
import { authorizeSteamOrder } from './authorize-steam-order.js';
import { readSteamLaunch } from './steam-launch.js';
import type { SteamworksClient } from './steamworks-binding.js';

/** Settings of {@link createSteamChannel}, fixed when the adapter is made. */
export interface SteamChannelSettings {
  /** The initialised Steamworks client: steamworks.js's `init(appId)` in the Electron main process. */
  steam: SteamworksClient;
  /** @default globalThis.fetch */
  fetch?: typeof fetch;
}

/** Whether the binding answers for a logged-in user (Steam running, the game started through it). */
export function steamIsRunning(steam: SteamworksClient | undefined): boolean {
  try {
    return typeof steam?.localplayer.getSteamId().steamId64 === 'bigint';
  } catch {
    return false;
  }
}

/**
 * The Steam channel's adapter for the process that holds the Steamworks binding (the Electron main process, or Node).
 * A client-result channel: `pay` starts the bill's Steam order through the driver, Steam shows its purchase dialog in
 * the overlay, and the MicroTxnAuthorizationResponse callback becomes the proof `{ orderid, authorized }` core reports
 * — which the driver checks with Steam itself. No secret is involved here. For core running in a renderer, use
 * `createSteamRendererChannel` with the main-process bridge instead.
 *
 * @example
 * ```ts
 * const steam = require('steamworks.js').init(480);
 * createCoinslot({ platform: 'electron-main', channels: { steam: async () => createSteamChannel({ steam }) }, … });
 * ```
 */
export function createSteamChannel(settings: SteamChannelSettings): PaymentInterface<undefined> {
  if (typeof settings?.steam?.callback?.register !== 'function')
    throw new CoinslotError('INVALID_OPTIONS', 'createSteamChannel: steam must be an initialised Steamworks client');
  const payments = new Set<AbortController>();
  const platforms = ['electron-main', 'node'] as const;
  return defineChannel<undefined>({
    specVersion: 1,
    id: 'steam',
    resultSource: 'client',
    capabilities: { platforms, presentations: ['native'], needsUserGesture: false },
    isAvailable: (ctx) => (platforms as readonly string[]).includes(ctx.platform) && steamIsRunning(settings.steam),
    async pay(ctx): Promise<PayOutcome> {
      const launch = readSteamLaunch(ctx.launch);
      const controller = new AbortController();
      payments.add(controller);
      try {
        const signal = anySignal([ctx.signal, controller.signal]);
        const proof = await authorizeSteamOrder({ steam: settings.steam, launch, signal, fetch: settings.fetch });
        return { kind: 'proof', proof };
      } finally {
        payments.delete(controller);
      }
    },
    dispose() {
      for (const payment of payments) payment.abort(new CoinslotError('DISPOSED', 'The Steam channel was disposed'));
      payments.clear();
    },
  });
}
