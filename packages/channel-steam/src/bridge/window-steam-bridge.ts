import { CoinslotError } from '@coinslot/core';
import type { SteamBridge } from './steam-bridge-contract.js';

/** The preload's bridge as the page sees it, read when used (never at import): `window.coinslotSteam`. */
function pageBridge(): SteamBridge | undefined {
  const bridge = (globalThis as { coinslotSteam?: SteamBridge }).coinslotSteam;
  return typeof bridge?.authorize === 'function' ? bridge : undefined;
}

function required(): SteamBridge {
  const bridge = pageBridge();
  if (!bridge)
    throw new CoinslotError(
      'CHANNEL_UNAVAILABLE',
      'window.coinslotSteam is missing: expose createSteamPreloadBridge in the preload',
    );
  return bridge;
}

/**
 * A {@link SteamBridge} that forwards to `window.coinslotSteam` — what the package's default export uses, so a
 * renderer can load the channel with a plain `() => import('@coinslot/channel-steam')` (or the bundler plugin's loader
 * map) once its preload exposes the bridge. Without the global, `available()` answers `false` (core skips the channel).
 */
export const windowSteamBridge: SteamBridge = {
  available: async () => (await pageBridge()?.available()) ?? false,
  authorize: (request) => required().authorize(request),
  cancel: (billId) => required().cancel(billId),
};
