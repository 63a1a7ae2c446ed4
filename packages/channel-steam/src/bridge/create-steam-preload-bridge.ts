import { CoinslotError, type CoinslotErrorCode } from '@coinslot/core';
import type { SteamProof } from '../authorize-steam-order.js';
import {
  STEAM_BRIDGE_CHANNELS,
  type SteamBridge,
  type SteamBridgeAnswer,
  type SteamBridgeInvoke,
} from './steam-bridge-contract.js';

function unwrap(reply: unknown): unknown {
  const answer = reply as SteamBridgeAnswer<unknown> | null;
  if (answer?.ok === true) return answer.value;
  if (answer?.ok === false && typeof answer.error?.message === 'string') {
    const { code, message, retryable } = answer.error;
    throw new CoinslotError(code as CoinslotErrorCode, message, { retryable: retryable === true });
  }
  throw new CoinslotError('CHANNEL_LAUNCH_FAILED', 'The main process answered the Steam bridge unexpectedly');
}

/**
 * The preload's `window.coinslotSteam`: three IPC calls, answers turned back into values or `CoinslotError`s.
 * Expose it with `contextBridge.exposeInMainWorld('coinslotSteam', createSteamPreloadBridge((channel, payload) =>
 * ipcRenderer.invoke(channel, payload)))` — Electron only supplies `invoke`.
 */
export function createSteamPreloadBridge(invoke: SteamBridgeInvoke): SteamBridge {
  const bridge: SteamBridge = {
    async available() {
      return unwrap(await invoke(STEAM_BRIDGE_CHANNELS.available)) === true;
    },
    async authorize(request) {
      return unwrap(await invoke(STEAM_BRIDGE_CHANNELS.authorize, request)) as SteamProof;
    },
    async cancel(billId) {
      unwrap(await invoke(STEAM_BRIDGE_CHANNELS.cancel, billId));
    },
  };
  return Object.freeze(bridge);
}
