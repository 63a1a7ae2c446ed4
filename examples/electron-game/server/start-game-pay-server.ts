import { readOrCreateKey, startPayServer, type RunningPayServer } from '@coinslot/server';
import { GAME_ORIGIN } from '../src/shared/game-origin.js';
import { coinCatalog } from '../src/shared/shop-items.js';

/** Options of {@link startGamePayServer}. */
export interface GamePayServerOptions {
  /** The port; 0 picks a free one. @default 8787 */
  port?: number;
  /** @default '127.0.0.1' */
  host?: string;
  /** Where the signing key is kept across restarts; without it a fresh key lives in memory. */
  keyFile?: string;
  /** The pages allowed to call it (CORS). @default the game's origin, `app://game` */
  corsOrigins?: string[];
}

/**
 * The reference pay server (`@coinslot/server`'s `startPayServer`) for this game: the coin packs as its price list,
 * CORS open to the game's pages only, the signing key kept with `readOrCreateKey`. The sandbox secret and the private
 * key live here, on the server: the game's bundles never see them. `npm start` and the Chromium test both run it.
 */
export async function startGamePayServer(options: GamePayServerOptions = {}): Promise<RunningPayServer> {
  const signingKey = options.keyFile === undefined ? undefined : (await readOrCreateKey(options.keyFile)).key;
  return startPayServer({
    auth: { development: true },
    port: options.port ?? 8787,
    host: options.host ?? '127.0.0.1',
    catalog: coinCatalog(),
    corsOrigins: options.corsOrigins ?? [GAME_ORIGIN],
    ...(signingKey && { signingKey }),
  });
}
