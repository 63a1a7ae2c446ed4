import { createPlayerTokenIssuer } from '@coinslot/backend';
import { createPayServer, createSandboxDriver, readOrCreateKey, serveNode } from '@coinslot/server';
import { fileURLToPath } from 'node:url';
import { shopCatalog } from '../src/shop-items.js';
import { createPlayerSessions } from './player-sessions.js';
import { createShopBackend } from './shop-backend.js';
import { createStaticFiles } from './static-files.js';

/** Options of {@link startShopServer}. */
export interface ShopServerOptions {
  /** The port; 0 picks a free one. @default 8787 */
  port?: number;
  /** The interface to listen on. @default '127.0.0.1' */
  host?: string;
  /** Where the pay server's signing key is kept across restarts; without it a fresh key lives in memory. */
  keyFile?: string;
  /** The built page. @default the web shop's `dist/` */
  staticDir?: string;
  /**
   * Server keys (`csk_…`) the pay server accepts besides player tokens: what a game backend would read or deliver
   * bills with. `npm start` gives none; the tests read bills with one. @default none
   */
  serverKeys?: string[];
}

/** A running web shop. */
export interface ShopServer {
  /** Its base URL, e.g. `http://127.0.0.1:8787/`. */
  url: string;
  /** Stop listening and stop the pay server (held waits end). */
  close(): Promise<void>;
}

const DIST = fileURLToPath(new URL('../dist/', import.meta.url));

/** The `iss` of the shop backend's player tokens and the `aud` naming its pay server; both sides are configured here. */
export const SHOP_TOKEN_ISSUER = 'coinslot-example-web-shop';
export const SHOP_TOKEN_AUDIENCE = 'coinslot-example-web-shop/pay';

/**
 * Start the web shop: ONE Node HTTP server holding the shop's game backend (`/api/*`: a demo login, player tokens,
 * the pay server's keys to pin; its JWKS at `/.well-known/jwks.json`), the Coinslot pay server (`/v1/*`) and the
 * built page (everything else). The pay server verifies the backend's player tokens with `publicKeys` handed over in
 * this process — nothing to fetch, no order of start-up to get right; a backend in another process would be given
 * as `jwksUrl`. It prices bills from the shop's catalog and runs the sandbox channel, asked for by name: a demo
 * channel, with real player identity. `npm start` and the browser tests both run this function.
 */
export async function startShopServer(options: ShopServerOptions = {}): Promise<ShopServer> {
  const signingKey = options.keyFile === undefined ? undefined : (await readOrCreateKey(options.keyFile)).key;
  // A key in memory: sessions live in memory too, so a restart logs everyone out and old tokens go with them.
  const tokens = await createPlayerTokenIssuer({ issuer: SHOP_TOKEN_ISSUER, audience: SHOP_TOKEN_AUDIENCE });
  const payServer = await createPayServer({
    auth: {
      playerTokens: { issuer: SHOP_TOKEN_ISSUER, audience: SHOP_TOKEN_AUDIENCE, publicKeys: tokens.jwks() },
      ...(options.serverKeys && { serverKeys: options.serverKeys }),
    },
    catalog: shopCatalog(),
    drivers: [createSandboxDriver()],
    ...(signingKey && { signingKey }),
  });
  const backend = createShopBackend({
    tokens,
    sessions: createPlayerSessions(),
    payServerKeys: payServer.publicKeys(),
  });
  const files = createStaticFiles(options.staticDir ?? DIST);
  const handle = async (request: Request): Promise<Response> => {
    if (new URL(request.url).pathname.startsWith('/v1/')) return payServer.handle(request);
    return (await backend(request)) ?? files(request);
  };

  const node = await serveNode(handle, { port: options.port ?? 8787, host: options.host ?? '127.0.0.1' });
  return {
    url: new URL('/', node.url).href,
    async close() {
      await node.close();
      await payServer.close();
    },
  };
}
