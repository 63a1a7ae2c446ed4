/**
 * Development mode: the server takes no credentials and believes the body's `userId` (docs/protocol.md §2,
 * "Authentication"). The suite sends no `Authorization`; the credential checks are skipped.
 */
export interface DevelopmentAuth {
  mode: 'development';
}

/**
 * Player-token mode: the server verifies player tokens (JWTs whose `sub` is the player). The suite acts as the player
 * each request names: a create or a listing sends that player's token; a call about one bill sends the bill token the
 * create answered (`billToken`), or the player's token for a bill it has no token for. Programmatic API only.
 */
export interface PlayerTokensAuth {
  mode: 'player-tokens';
  /**
   * A valid player token for `userId`, as the game backend would mint it (issuer, audience and key the server
   * accepts, a lifetime of a few minutes). Asked once per player and check; any player id of 1–128 characters.
   */
  playerToken(userId: string): Promise<string>;
  /**
   * One of the server's keys (`csk_…`). With it the suite also checks that a server key reaches every player's bills,
   * and it is required when `deliveredBy` is `'server'` (the suite then delivers with it).
   */
  serverKey?: string;
  /**
   * A player token for `userId` that is right in every way but has expired (`exp` in the past beyond any clock
   * skew). With it the suite checks that an expired token answers `401`; without it that check is skipped.
   */
  expiredPlayerToken?(userId: string): Promise<string>;
  /** The server's `deliveredBy` setting: who may mark a bill delivered. @default 'player' */
  deliveredBy?: 'player' | 'server';
}

/**
 * Server-key mode: the suite is the game backend and sends a server key on every bill endpoint (it may act for any
 * player). Bill tokens the creates answer are still checked: each reaches its own bill only.
 */
export interface ServerKeyAuth {
  mode: 'server-key';
  /** One of the server's keys: `csk_` and at least 32 more characters. */
  serverKey: string;
  /** The server's `deliveredBy` setting: who may mark a bill delivered. @default 'player' */
  deliveredBy?: 'player' | 'server';
}

/** How the suite authenticates (docs/protocol.md §2, "Authentication"). */
export type PayServerAuth = DevelopmentAuth | PlayerTokensAuth | ServerKeyAuth;

/** {@link PayServerAuth} checked, with the defaults applied. */
export interface ResolvedAuth {
  mode: PayServerAuth['mode'];
  playerToken: ((userId: string) => Promise<string>) | undefined;
  expiredPlayerToken: ((userId: string) => Promise<string>) | undefined;
  serverKey: string | undefined;
  deliveredBy: 'player' | 'server';
}

const SERVER_KEY = /^csk_[\x21-\x7e]{32,}$/;

/** Checks `auth`. @throws TypeError naming the first bad member. */
export function resolveAuth(auth: PayServerAuth | undefined): ResolvedAuth {
  const mode = auth?.mode ?? 'development';
  const given = (auth ?? {}) as Partial<Omit<PlayerTokensAuth, 'mode'> & Omit<ServerKeyAuth, 'mode'>>;
  if (mode !== 'development' && mode !== 'player-tokens' && mode !== 'server-key') {
    throw new TypeError(`auth.mode must be development, player-tokens or server-key, not ${String(mode)}`);
  }
  if (mode === 'player-tokens' && typeof given.playerToken !== 'function')
    throw new TypeError('auth.playerToken must be a function (userId) => Promise<string>');
  if (given.expiredPlayerToken !== undefined && typeof given.expiredPlayerToken !== 'function')
    throw new TypeError('auth.expiredPlayerToken must be a function');
  const serverKey = mode === 'development' ? undefined : given.serverKey;
  if (mode === 'server-key' && serverKey === undefined)
    throw new TypeError('auth.serverKey is required in server-key mode');
  if (serverKey !== undefined && !(typeof serverKey === 'string' && SERVER_KEY.test(serverKey))) {
    throw new TypeError('auth.serverKey must be a server key: csk_ and at least 32 more characters');
  }
  const deliveredBy = mode === 'development' ? 'player' : (given.deliveredBy ?? 'player');
  if (deliveredBy !== 'player' && deliveredBy !== 'server')
    throw new TypeError("auth.deliveredBy must be 'player' or 'server'");
  if (deliveredBy === 'server' && serverKey === undefined)
    throw new TypeError("auth.deliveredBy 'server' needs auth.serverKey: only a server key may deliver");
  return {
    mode,
    playerToken: mode === 'player-tokens' ? given.playerToken : undefined,
    expiredPlayerToken: mode === 'player-tokens' ? given.expiredPlayerToken : undefined,
    serverKey,
    deliveredBy,
  };
}
