import {
  createSandboxDriver,
  readOrCreateKey,
  startPayServer,
  type PlayerTokenOptions,
  type RunningPayServer,
} from '@coinslot/server';
import { GAME_ORIGIN } from '../src/shared/game-origin.js';
import { coinCatalog } from '../src/shared/shop-items.js';

/** Options of {@link startGamePayServer}. */
export interface GamePayServerOptions {
  /** How it verifies player tokens: the game backend's issuer, audience and `jwksUrl`. */
  playerTokens: PlayerTokenOptions;
  /** The port; 0 picks a free one. @default 8787 */
  port?: number;
  /** @default '127.0.0.1' */
  host?: string;
  /** Where the signing key is kept across restarts; without it a fresh key lives in memory. */
  keyFile?: string;
  /** The pages allowed to call it (CORS). @default the game's origin, `app://game` */
  corsOrigins?: string[];
  /** Server keys (`csk_…`) it accepts besides player tokens; the tests read bills with one. @default none */
  serverKeys?: string[];
}

/**
 * The reference pay server (`@coinslot/server`'s `startPayServer`) for this game: player tokens from the game's
 * backend, the coin packs as its price list, the sandbox channel asked for by name (a demo channel, with real player
 * identity), CORS open to the game's pages only, the signing key kept with `readOrCreateKey`. The sandbox secret and
 * the private keys live here, on the server: the game's bundles never see them.
 */
export async function startGamePayServer(options: GamePayServerOptions): Promise<RunningPayServer> {
  const signingKey = options.keyFile === undefined ? undefined : (await readOrCreateKey(options.keyFile)).key;
  return startPayServer({
    auth: { playerTokens: options.playerTokens, ...(options.serverKeys && { serverKeys: options.serverKeys }) },
    port: options.port ?? 8787,
    host: options.host ?? '127.0.0.1',
    catalog: coinCatalog(),
    drivers: [createSandboxDriver()],
    corsOrigins: options.corsOrigins ?? [GAME_ORIGIN],
    ...(signingKey && { signingKey }),
  });
}
