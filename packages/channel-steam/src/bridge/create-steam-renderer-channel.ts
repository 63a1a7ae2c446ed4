import { CoinslotError, defineChannel, type PaymentInterface, type PayOutcome } from '@coinslot/core';
import { anySignal } from '@coinslot/core/channel-kit';
import { readSteamLaunch } from '../steam-launch.js';
import type { SteamBridge } from './steam-bridge-contract.js';

/** Settings of {@link createSteamRendererChannel}. */
export interface SteamRendererChannelSettings {
  /** The preload's bridge: `window.coinslotSteam` (see `createSteamPreloadBridge`). */
  bridge: SteamBridge;
}

/**
 * The Steam channel's adapter for core running in an Electron renderer: the binding lives in the main process, so
 * `pay` hands the launch payload over the bridge and the main process runs the dialog (`createSteamMainBridge`). The
 * renderer never holds the binding, a key or a secret — only the proof it reports, which the driver checks with Steam.
 */
export function createSteamRendererChannel(settings: SteamRendererChannelSettings): PaymentInterface<undefined> {
  const bridge = settings?.bridge;
  if (typeof bridge?.authorize !== 'function')
    throw new CoinslotError('INVALID_OPTIONS', 'createSteamRendererChannel: bridge must be window.coinslotSteam');
  const payments = new Set<AbortController>();
  return defineChannel<undefined>({
    specVersion: 1,
    id: 'steam',
    resultSource: 'client',
    capabilities: { platforms: ['electron-renderer'], presentations: ['native'], needsUserGesture: false },
    isAvailable: async (ctx) => ctx.platform === 'electron-renderer' && (await bridge.available().catch(() => false)),
    async pay(ctx): Promise<PayOutcome> {
      const launch = readSteamLaunch(ctx.launch);
      const controller = new AbortController();
      payments.add(controller);
      const signal = anySignal([ctx.signal, controller.signal]);
      let onAbort = () => {};
      const aborted = new Promise<never>((_, reject) => {
        onAbort = () => {
          void bridge.cancel(ctx.bill.id).catch(() => {});
          reject(signal.reason);
        };
        if (signal.aborted) onAbort();
        else signal.addEventListener('abort', onAbort, { once: true });
      });
      try {
        const proof = await Promise.race([bridge.authorize({ billId: ctx.bill.id, launch: { ...launch } }), aborted]);
        return { kind: 'proof', proof };
      } finally {
        signal.removeEventListener('abort', onAbort);
        payments.delete(controller);
      }
    },
    dispose() {
      for (const payment of payments) payment.abort(new CoinslotError('DISPOSED', 'The Steam channel was disposed'));
      payments.clear();
    },
  });
}
