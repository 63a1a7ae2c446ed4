import type { RunningPayServer } from '@coinslot/server';
import type { GameConfig } from '../src/main/game-config.js';
import { startGameBackend, type RunningGameBackend } from './start-game-backend.js';
import { startGamePayServer, type GamePayServerOptions } from './start-game-pay-server.js';

/** The game's servers, and the main-process configuration that names them. */
export interface RunningGameServers {
  backend: RunningGameBackend;
  pay: RunningPayServer;
  /** What the app ships in `game-config.json`: the two addresses and the pay server's public keys, pinned. */
  config: GameConfig;
  close(): Promise<void>;
}

/**
 * Start the game's backend, then its pay server verifying the backend's tokens (`jwksUrl`), and answer the
 * configuration the app's main process reads — the pay server's keys taken from the pay server in this process,
 * never over the network. `npm start` writes it to `game-config.json`; the tests hand it to the main process's modules.
 */
export async function startGameServers(
  options: Omit<GamePayServerOptions, 'playerTokens'> = {},
): Promise<RunningGameServers> {
  const backend = await startGameBackend();
  try {
    const { issuer, audience, jwksUrl } = backend;
    const pay = await startGamePayServer({ ...options, playerTokens: { issuer, audience, jwksUrl } });
    return {
      backend,
      pay,
      config: {
        payServer: pay.url.replace(/\/+$/, ''),
        gameBackend: backend.url,
        trustedKeys: pay.payServer.publicKeys(),
      },
      close: async () => {
        await pay.close();
        await backend.close();
      },
    };
  } catch (error) {
    await backend.close();
    throw error;
  }
}
