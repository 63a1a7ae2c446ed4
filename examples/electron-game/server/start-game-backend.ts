import { createPlayerTokenIssuer, jwksHandler } from '@coinslot/backend';
import { serveNode } from '@coinslot/server';

/** Options of {@link startGameBackend}. */
export interface GameBackendOptions {
  /** The port; 0 picks a free one. @default 0 */
  port?: number;
  /** @default '127.0.0.1' */
  host?: string;
}

/** A running game backend. */
export interface RunningGameBackend {
  /** Its base URL, e.g. `http://127.0.0.1:8788`. */
  url: string;
  /** Where it publishes its player-token public keys: the pay server's `jwksUrl`. */
  jwksUrl: string;
  /** The `iss` of its tokens. */
  issuer: string;
  /** The `aud` of its tokens: the game's pay server. */
  audience: string;
  /** Stop listening. */
  close(): Promise<void>;
}

/** The player names the demo login accepts (the pay server's player ids allow 1–128 characters). */
const PLAYER_NAME = /^[A-Za-z0-9_-]{1,64}$/;
export const GAME_TOKEN_ISSUER = 'coinslot-example-electron-game';
export const GAME_TOKEN_AUDIENCE = 'coinslot-example-electron-game/pay';

const json = (status: number, body: unknown): Response =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
  });
const refuse = (status: number, code: string, message: string): Response => json(status, { error: { code, message } });

/**
 * The game's backend, which the game's main process talks to (never the renderer): a demo login
 * (`POST /api/login` `{ "name" }` → `{ session }`, no password), player tokens for the session's player
 * (`POST /api/coinslot-token` with `Authorization: Bearer <session>` → `{ token }`; the body is ignored) minted with
 * `@coinslot/backend`, and its JWKS at `/.well-known/jwks.json`, which the pay server fetches (`jwksUrl`): the backend
 * is its own process in a real deployment. The token key and the sessions live in memory. Never part of the app.
 */
export async function startGameBackend(options: GameBackendOptions = {}): Promise<RunningGameBackend> {
  const tokens = await createPlayerTokenIssuer({ issuer: GAME_TOKEN_ISSUER, audience: GAME_TOKEN_AUDIENCE });
  const sessions = new Map<string, string>();
  const jwks = jwksHandler(tokens);
  const sessionOf = (request: Request) =>
    sessions.get(/^Bearer (\S+)$/.exec(request.headers.get('authorization') ?? '')?.[1] ?? '');

  const listener = await serveNode(
    async (request) => {
      const route = `${request.method} ${new URL(request.url).pathname}`;
      if (route === 'GET /.well-known/jwks.json' || route === 'HEAD /.well-known/jwks.json') return jwks(request);
      if (route === 'POST /api/login') {
        const name = ((await request.json().catch(() => null)) as { name?: unknown } | null)?.name;
        if (typeof name !== 'string' || !PLAYER_NAME.test(name))
          return refuse(400, 'INVALID_NAME', 'a name of 1–64 letters, digits, _ or -');
        const session = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url');
        sessions.set(session, name);
        return json(200, { session, playerId: name });
      }
      if (route === 'POST /api/coinslot-token') {
        const playerId = sessionOf(request);
        return playerId === undefined
          ? refuse(401, 'NOT_LOGGED_IN', 'log in first')
          : json(200, { token: await tokens.mint(playerId) });
      }
      return refuse(404, 'NOT_FOUND', 'no such route');
    },
    { port: options.port ?? 0, host: options.host ?? '127.0.0.1' },
  );
  const url = listener.url.replace(/\/+$/, '');
  return {
    url,
    jwksUrl: `${url}/.well-known/jwks.json`,
    issuer: GAME_TOKEN_ISSUER,
    audience: GAME_TOKEN_AUDIENCE,
    close: () => listener.close(),
  };
}
