/** The name of the session cookie the shop's backend sets at login. */
export const SESSION_COOKIE = 'shop_session';

/** A player name the demo login accepts: 1–32 of A-Z a-z 0-9 _ - (the pay server's player ids allow 1–128 characters). */
export const PLAYER_NAME = /^[A-Za-z0-9_-]{1,32}$/;

/** Who is logged in, by session cookie. */
export interface PlayerSessions {
  /** Start a session for `playerId`; answers the `Set-Cookie` value that carries it. */
  start(playerId: string): string;
  /** The player of the request's session cookie, or `undefined` when it has none or an unknown one. */
  playerOf(request: Request): string | undefined;
  /** End the request's session; answers the `Set-Cookie` value that clears the cookie. */
  end(request: Request): string;
}

const cookieOf = (request: Request): string | undefined =>
  request.headers
    .get('cookie')
    ?.split(';')
    .map((part) => part.trim().split('='))
    .find(([name]) => name === SESSION_COOKIE)?.[1];

/**
 * The demo's sessions: a random id (256 bits) in an `HttpOnly`, `SameSite=Strict` cookie, mapped to the player in
 * memory, so a restart logs everyone out. The page never holds the session id, and nothing the page sends later
 * (a body, a query) can change whose session it is. A real game keeps its own login here (password, OAuth, …);
 * what matters to Coinslot is only that the backend knows the player before it mints a token.
 */
export function createPlayerSessions(): PlayerSessions {
  const players = new Map<string, string>();
  const attributes = 'Path=/; HttpOnly; SameSite=Strict';
  return {
    start(playerId) {
      const id = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url');
      players.set(id, playerId);
      return `${SESSION_COOKIE}=${id}; ${attributes}`;
    },
    playerOf(request) {
      const id = cookieOf(request);
      return id === undefined ? undefined : players.get(id);
    },
    end(request) {
      const id = cookieOf(request);
      if (id !== undefined) players.delete(id);
      return `${SESSION_COOKIE}=; ${attributes}; Max-Age=0`;
    },
  };
}
