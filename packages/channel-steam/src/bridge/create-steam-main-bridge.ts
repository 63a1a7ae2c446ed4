import { CoinslotError } from '@coinslot/core';
import { authorizeSteamOrder } from '../authorize-steam-order.js';
import { steamIsRunning } from '../create-steam-channel.js';
import { readSteamLaunch } from '../steam-launch.js';
import type { SteamworksClient } from '../steamworks-binding.js';
import { STEAM_BRIDGE_CHANNELS, type SteamBridgeAnswer, type SteamBridgeChannel } from './steam-bridge-contract.js';

/** Options of {@link createSteamMainBridge}. */
export interface SteamMainBridgeOptions {
  /** The initialised Steamworks client (steamworks.js `init(appId)`). */
  steam: SteamworksClient;
  /** The pay server the game is configured with: a launch's `initUrl` elsewhere is refused. */
  payServerUrl: string;
  /** How long one dialog may stay unanswered before the main process stops waiting, in ms. @default 900000 */
  timeoutMs?: number;
  /** @default globalThis.fetch */
  fetch?: typeof fetch;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

async function answer<T>(work: () => Promise<T>): Promise<SteamBridgeAnswer<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    const known = CoinslotError.isInstance(error);
    return {
      ok: false,
      error: {
        code: known ? error.code : 'CHANNEL_LAUNCH_FAILED',
        message: known ? error.message : `The Steam purchase failed in the main process: ${String(error)}`,
        retryable: known ? error.retryable : false,
      },
    };
  }
}

/**
 * The main process's side of the Steam bridge, keyed by IPC channel. Wire each one with
 * `ipcMain.handle(channel, (event, payload) => handlers[channel](payload))` after checking `event.senderFrame.url` is
 * the game's own page. The main process checks what a compromised page could send: a bill id, a launch payload this
 * adapter reads, an `initUrl` on the configured pay server (so a page cannot make it post the SteamID elsewhere).
 */
export function createSteamMainBridge(
  options: SteamMainBridgeOptions,
): Record<SteamBridgeChannel, (payload: unknown) => Promise<SteamBridgeAnswer<unknown>>> {
  const payServer = new URL(options.payServerUrl).origin;
  const running = new Map<string, AbortController>();
  const invalid = (message: string) => new CoinslotError('INVALID_REQUEST', message);

  const authorize = async (payload: unknown) => {
    if (!isRecord(payload) || typeof payload.billId !== 'string' || !isRecord(payload.launch))
      throw invalid('authorize takes { billId, launch }');
    const launch = readSteamLaunch(payload.launch);
    if (new URL(launch.initUrl).origin !== payServer) throw invalid('the launch payload names another pay server');
    running.get(payload.billId)?.abort(invalid('a newer authorization of this bill replaced it'));
    const controller = new AbortController();
    running.set(payload.billId, controller);
    const signal = AbortSignal.any([controller.signal, AbortSignal.timeout(options.timeoutMs ?? 900_000)]);
    try {
      return await authorizeSteamOrder({ steam: options.steam, launch, signal, fetch: options.fetch });
    } finally {
      if (running.get(payload.billId) === controller) running.delete(payload.billId);
    }
  };

  return {
    [STEAM_BRIDGE_CHANNELS.available]: () => answer(async () => steamIsRunning(options.steam)),
    [STEAM_BRIDGE_CHANNELS.authorize]: (payload) => answer(() => authorize(payload)),
    [STEAM_BRIDGE_CHANNELS.cancel]: (payload) =>
      answer(async () => {
        if (typeof payload !== 'string') throw invalid('cancel takes a bill id');
        running.get(payload)?.abort(new CoinslotError('ABORTED', 'The game stopped waiting for the Steam dialog'));
        return true;
      }),
  };
}
