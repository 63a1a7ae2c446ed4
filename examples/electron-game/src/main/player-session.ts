import { GameError } from '../shared/game-error.js';

/** The logged-in player, as the main process holds it: the session secret never leaves the main process. */
export interface PlayerSession {
  /** The player the game backend logged in. */
  readonly playerId: string;
  /** A fresh player token for that player, minted by the game backend. Rejects with `LOGIN_FAILED`. */
  playerToken(): Promise<string>;
}

/** Options of {@link createPlayerSession}. */
export interface PlayerSessionOptions {
  /** The game backend's base URL, from the shipped config. */
  gameBackend: string;
  /** Who logs in: the save's player (the demo login takes a name; a real game would send the player's credentials). */
  playerId: string;
  /** @default globalThis.fetch */
  fetch?: typeof globalThis.fetch;
}

/**
 * Log in to the game backend on first use and get player tokens with the session it answers; when the backend no
 * longer knows the session (it restarted), log in again once. The renderer gets the tokens through the bridge,
 * never the session.
 */
export function createPlayerSession(options: PlayerSessionOptions): PlayerSession {
  const fetcher = options.fetch ?? globalThis.fetch;
  const base = options.gameBackend.replace(/\/+$/, '');
  let session: Promise<string> | undefined;

  const post = async (path: string, body: unknown, bearer?: string): Promise<Response> => {
    try {
      return await fetcher(`${base}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(bearer && { authorization: `Bearer ${bearer}` }) },
        body: JSON.stringify(body),
      });
    } catch (error) {
      throw new GameError('LOGIN_FAILED', `the game backend could not be reached (${String(error)}).`, {
        cause: error,
      });
    }
  };
  const logIn = async (): Promise<string> => {
    const response = await post('/api/login', { name: options.playerId });
    if (!response.ok) throw new GameError('LOGIN_FAILED', `the game backend refused the login (${response.status}).`);
    return ((await response.json()) as { session: string }).session;
  };
  const currentSession = (): Promise<string> => {
    const started = (session ??= logIn());
    started.catch(() => session === started && (session = undefined));
    return started;
  };
  const mint = async (): Promise<Response> => post('/api/coinslot-token', {}, await currentSession());

  return {
    playerId: options.playerId,
    async playerToken() {
      let response = await mint();
      if (response.status === 401) {
        session = undefined;
        response = await mint();
      }
      if (!response.ok)
        throw new GameError('LOGIN_FAILED', `the game backend answered ${response.status} for a player token.`);
      const token = ((await response.json()) as { token?: unknown }).token;
      if (typeof token !== 'string') throw new GameError('LOGIN_FAILED', 'the game backend answered no player token.');
      return token;
    },
  };
}
