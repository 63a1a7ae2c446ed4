import { jwksHandler, type PlayerTokenIssuer } from '@coinslot/backend';
import type { ResultPublicKey } from '@coinslot/core';
import type { ShopChannelId } from '../src/shop-channels.js';
import type { CoinLedger } from './coin-ledger.js';
import { emulatorScanRoute } from './emulator-scan-route.js';
import { error, isJsonPost, json } from './json-answers.js';
import { PLAYER_NAME, type PlayerSessions } from './player-sessions.js';

/** What the shop's backend serves under `/api/` and at {@link JWKS_PATH}. */
export interface ShopBackendOptions {
  /** Mints player tokens (`@coinslot/backend`); its private key never leaves this process. */
  tokens: PlayerTokenIssuer;
  /** Who is logged in. */
  sessions: PlayerSessions;
  /** The pay server's result-signing public keys, read in this process at start: the page pins them. */
  payServerKeys: readonly ResultPublicKey[];
  /** The players' coins: the only balance there is. */
  ledger: CoinLedger;
  /** The pay server's webhooks (server/coinslot-events.ts). */
  coinslotEvents: (request: Request) => Promise<Response>;
  /** The channels the pay server runs, which the page offers. @default ['sandbox'] */
  channels?: readonly ShopChannelId[];
  /**
   * With emulators: a QR code's "scan and pay" (server/emulated/), behind `POST /api/emulators/scan`. Without it
   * that route does not exist. @default none
   */
  scanAndPay?: (code: string) => Promise<string | undefined>;
}

/** How many of a player's grants `GET /api/wallet` lists, newest first. */
export const RECENT_GRANTS = 20;

/** Where the backend publishes its player-token public keys. */
export const JWKS_PATH = '/.well-known/jwks.json';

/**
 * The game backend of the web shop (docs/protocol.md §2, "Authentication"):
 *
 * - `POST /api/login` `{ "name" }`: the demo login (no password: the player picks a name); sets the session cookie.
 * - `POST /api/logout`: ends the session.
 * - `GET /api/session`: `{ playerId }` of the session, else `401`.
 * - `POST /api/coinslot-token`: `{ token }`, a player token for the session's player, else `401`. The body is
 *   ignored: the player is the session's, never a name the request names.
 * - `GET /api/coinslot-config`: `{ trustedKeys, channels, emulators }`: the pay server's public keys to pin, the
 *   channels it runs, and whether they run against emulators.
 * - `GET /api/wallet`: `{ playerId, coins, grants }`, the session player's balance and recent grants, else `401`.
 * - `POST /api/coinslot-events`: the pay server's signed webhooks; grants and takes back coins.
 * - `GET /.well-known/jwks.json`: the player-token public keys.
 * - `POST /api/emulators/scan` `{ "code" }`: only with emulators, a QR code's "scan and pay" (emulator-scan-route.ts).
 *
 * Answers `undefined` for any other path.
 */
export function createShopBackend({
  tokens,
  sessions,
  payServerKeys,
  ledger,
  coinslotEvents,
  channels = ['sandbox'],
  scanAndPay,
}: ShopBackendOptions): (request: Request) => Promise<Response | undefined> {
  const jwks = jwksHandler(tokens);
  const trustedKeys = payServerKeys.map((key) => ({ ...key }));
  const routes: Record<string, (request: Request) => Promise<Response> | Response> = {
    async 'POST /api/login'(request) {
      if (!isJsonPost(request)) return error(415, 'UNSUPPORTED_MEDIA_TYPE', 'send the login as application/json');
      const name = ((await request.json().catch(() => null)) as { name?: unknown } | null)?.name;
      if (typeof name !== 'string' || !PLAYER_NAME.test(name))
        return error(400, 'INVALID_NAME', 'a name of 1–32 letters, digits, _ or -');
      return json(200, { playerId: name }, { 'set-cookie': sessions.start(name) });
    },
    'POST /api/logout': (request) => json(200, {}, { 'set-cookie': sessions.end(request) }),
    'GET /api/session'(request) {
      const playerId = sessions.playerOf(request);
      return playerId === undefined ? error(401, 'NOT_LOGGED_IN', 'log in first') : json(200, { playerId });
    },
    async 'POST /api/coinslot-token'(request) {
      if (!isJsonPost(request)) return error(415, 'UNSUPPORTED_MEDIA_TYPE', 'ask for a token with application/json');
      const playerId = sessions.playerOf(request);
      if (playerId === undefined) return error(401, 'NOT_LOGGED_IN', 'log in first');
      return json(200, { token: await tokens.mint(playerId) });
    },
    'GET /api/coinslot-config': () => json(200, { trustedKeys, channels, emulators: scanAndPay !== undefined }),
    'GET /api/wallet'(request) {
      const playerId = sessions.playerOf(request);
      if (playerId === undefined) return error(401, 'NOT_LOGGED_IN', 'log in first');
      return json(200, { playerId, coins: ledger.balance(playerId), grants: ledger.grants(playerId, RECENT_GRANTS) });
    },
    'POST /api/coinslot-events': coinslotEvents,
    [`GET ${JWKS_PATH}`]: jwks,
    [`HEAD ${JWKS_PATH}`]: jwks,
    ...(scanAndPay && { 'POST /api/emulators/scan': emulatorScanRoute(scanAndPay, (r) => sessions.playerOf(r)) }),
  };
  return async (request) => {
    const { pathname } = new URL(request.url);
    if (!pathname.startsWith('/api/') && pathname !== JWKS_PATH) return undefined;
    const route = routes[`${request.method} ${pathname}`];
    if (route) return route(request);
    const known = Object.keys(routes).some((key) => key.endsWith(` ${pathname}`));
    return known
      ? error(405, 'METHOD_NOT_ALLOWED', `${request.method} is not allowed here`)
      : error(404, 'NOT_FOUND', 'no such route');
  };
}
