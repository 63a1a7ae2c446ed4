/**
 * `@coinslot/channel-steam`: Steam microtransactions for Electron games. The Steamworks binding lives in the main
 * process: `createSteamChannel` runs there (or in Node); a game whose core runs in the renderer uses
 * `createSteamRendererChannel` over the small IPC bridge (`createSteamMainBridge` + `createSteamPreloadBridge`).
 * No export holds or needs a secret: the publisher key lives in the driver (`@coinslot/channel-steam/server`).
 */
import { createSteamRendererChannel } from './bridge/create-steam-renderer-channel.js';
import { windowSteamBridge } from './bridge/window-steam-bridge.js';

/**
 * The renderer adapter over the preload's `window.coinslotSteam` (read when used, not at import), for a game whose
 * core runs in an Electron renderer and loads the channel with `() => import('@coinslot/channel-steam')`. In the main
 * process (or Node), give core `createSteamChannel({ steam })` instead.
 */
export const steamChannel = /* @__PURE__ */ createSteamRendererChannel({ bridge: windowSteamBridge });
export default steamChannel;

export { createSteamChannel, steamIsRunning } from './create-steam-channel.js';
export type { SteamChannelSettings } from './create-steam-channel.js';
export { readSteamLaunch } from './steam-launch.js';
export type { SteamLaunch } from './steam-launch.js';
export type { SteamProof } from './authorize-steam-order.js';
export { MICROTXN_AUTHORIZATION_CALLBACK } from './steamworks-binding.js';
export type { SteamworksClient, MicroTxnAuthorizationResponse } from './steamworks-binding.js';

// Core in an Electron renderer: the bridge to the main process
export { createSteamRendererChannel } from './bridge/create-steam-renderer-channel.js';
export type { SteamRendererChannelSettings } from './bridge/create-steam-renderer-channel.js';
export { createSteamMainBridge } from './bridge/create-steam-main-bridge.js';
export type { SteamMainBridgeOptions } from './bridge/create-steam-main-bridge.js';
export { createSteamPreloadBridge } from './bridge/create-steam-preload-bridge.js';
export { windowSteamBridge } from './bridge/window-steam-bridge.js';
export { STEAM_BRIDGE_CHANNELS } from './bridge/steam-bridge-contract.js';
export type {
  SteamBridge,
  SteamBridgeAnswer,
  SteamBridgeChannel,
  SteamBridgeErrorData,
  SteamBridgeInvoke,
  SteamAuthorizeRequest,
} from './bridge/steam-bridge-contract.js';
