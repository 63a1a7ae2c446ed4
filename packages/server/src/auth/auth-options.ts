import { BillTokens } from './bill-tokens.js';
import { PlayerTokens, type PlayerTokenOptions } from './player-tokens.js';
import { ServerKeys } from './server-keys.js';
import { randomToken } from '../signing/random-token.js';

/**
 * Who may do what on the pay server (docs/protocol.md §2, "Authentication"). Give `playerTokens`, `serverKeys` or
 * both for a real deployment; `development: true` alone for a local one.
 */
export interface AuthOptions {
  /** Verify player tokens (JWTs the game backend mints; `sub` is the player). Players then create and follow their own bills. */
  playerTokens?: PlayerTokenOptions;
  /** The game backend's secret keys (`csk_…`, sent as `Authorization: Bearer csk_…`); a key may act for any player. */
  serverKeys?: string[];
  /**
   * The secret bill tokens are derived from (≥ 32 bytes). Give the same one to every instance and keep it across
   * restarts, or tokens handed out before stop working. @default random per process
   */
  billTokenSecret?: string;
  /**
   * Who may mark a paid bill delivered: `'player'` (client-granted games: the bill's owner, its bill token or a server
   * key) or `'server'` (only a server key: the game backend grants). @default 'player'
   */
  deliveredBy?: 'player' | 'server';
  /**
   * Trust the `userId` in request bodies and let anyone read and change any bill. For local development and tests
   * only: the CLI allows it only with `--dev`, and it cannot be combined with the other modes.
   */
  development?: boolean;
}

/** {@link AuthOptions} checked, with the verifiers built. */
export interface ResolvedAuth {
  playerTokens: PlayerTokens | undefined;
  serverKeys: ServerKeys | undefined;
  billTokens: BillTokens;
  deliveredBy: 'player' | 'server';
  development: boolean;
}

/** Checks `auth` (required: a server with no way to identify players would trust whatever a body says). */
export async function resolveAuth(auth: AuthOptions | undefined): Promise<ResolvedAuth> {
  if (auth === undefined || typeof auth !== 'object') {
    throw new TypeError(
      'createPayServer: auth is required — { playerTokens: { issuer, audience, jwksUrl } }, { serverKeys: [...] }, ' +
        'or { development: true } for local development only',
    );
  }
  const real = auth.playerTokens !== undefined || auth.serverKeys !== undefined;
  if (auth.development === true && real)
    throw new TypeError('Invalid auth: development cannot be combined with playerTokens or serverKeys');
  if (auth.development !== true && !real)
    throw new TypeError('Invalid auth: give playerTokens, serverKeys, or development: true');
  const deliveredBy = auth.deliveredBy ?? 'player';
  if (deliveredBy !== 'player' && deliveredBy !== 'server')
    throw new TypeError("Invalid auth.deliveredBy: 'player' or 'server'");
  if (deliveredBy === 'server' && auth.serverKeys === undefined) {
    throw new TypeError("Invalid auth: deliveredBy 'server' needs serverKeys (the game backend delivers with one)");
  }
  return {
    playerTokens: auth.playerTokens && new PlayerTokens(auth.playerTokens),
    serverKeys: auth.serverKeys && (await ServerKeys.create(auth.serverKeys)),
    billTokens: await BillTokens.create(auth.billTokenSecret ?? randomToken(32)),
    deliveredBy,
    development: auth.development === true,
  };
}
