import {
  BRIDGE_CHANNELS,
  type BridgeAnswer,
  type BridgeChannel,
  type PayServerConfig,
} from '../shared/bridge-contract.js';
import { GameError } from '../shared/game-error.js';
import { isOnOrigin } from '../shared/game-origin.js';
import type { GrantService } from './grant-service.js';
import type { PlayerSession } from './player-session.js';

/** What the handlers serve besides the grant service. */
export interface BridgeOptions {
  /** The game's pages' origin: only they may call. */
  gameOrigin: string;
  /** The pay server and its pinned keys, from the shipped config. */
  payServer: PayServerConfig;
  /** The logged-in player's session with the game backend. */
  session: Pick<PlayerSession, 'playerToken'>;
}

/** One IPC handler: the URL of the frame that called, and what it sent. Never rejects. */
export type BridgeHandler = (senderUrl: string, payload: unknown) => Promise<BridgeAnswer<unknown>>;

async function answer(work: () => Promise<unknown>): Promise<BridgeAnswer<unknown>> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    const failure = GameError.isInstance(error)
      ? error
      : new GameError('INTERNAL', 'the main process failed unexpectedly.', { cause: error });
    return { ok: false, error: failure.toData() };
  }
}

/**
 * The main process's side of the bridge, keyed by IPC channel: `ipcMain.handle(channel, (event, payload) =>
 * handler(event.senderFrame.url, payload))`. Only frames of the game's own origin are served — a checkout popup or
 * any other page gets `FORBIDDEN_SENDER` — and failures come back as data (see `BridgeAnswer`). The pay server's
 * address and keys come from the main process's config; whatever the renderer sends with that call is ignored.
 */
export function createBridgeHandlers(
  service: GrantService,
  options: BridgeOptions,
): Record<BridgeChannel, BridgeHandler> {
  const payServer = structuredClone(options.payServer);
  const guarded =
    (work: (payload: unknown) => Promise<unknown>): BridgeHandler =>
    (senderUrl, payload) =>
      answer(async () => {
        if (!isOnOrigin(senderUrl, options.gameOrigin))
          throw new GameError('FORBIDDEN_SENDER', `${originLabel(senderUrl)} may not use the game bridge.`);
        return work(payload);
      });
  return {
    [BRIDGE_CHANNELS.grant]: guarded((payload) => service.grant(payload)),
    [BRIDGE_CHANNELS.coins]: guarded(() => service.wallet()),
    [BRIDGE_CHANNELS.payServer]: guarded(async () => payServer),
    [BRIDGE_CHANNELS.playerToken]: guarded(() => options.session.playerToken()),
  };
}

const originLabel = (url: string): string => {
  try {
    return `a page of ${new URL(url).protocol}//${new URL(url).host}`;
  } catch {
    return 'an unknown page';
  }
};
