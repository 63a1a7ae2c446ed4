import { createPayServer, readOrCreateKey, serveNode } from '@coinslot/server';
import { fileURLToPath } from 'node:url';
import { shopCatalog } from '../src/shop-items.js';
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
}

/** A running web shop. */
export interface ShopServer {
  /** Its base URL, e.g. `http://127.0.0.1:8787/`. */
  url: string;
  /** Stop listening and stop the pay server (held waits end). */
  close(): Promise<void>;
}

const DIST = fileURLToPath(new URL('../dist/', import.meta.url));

/**
 * Start the web shop: ONE Node HTTP server where `/v1/*` is the Coinslot pay server (with the shop's price list,
 * so a tampered price is refused) and everything else is the built page. Page and pay server share an origin, so
 * the page needs no CORS and its `server` option is simply `location.origin`. `npm start` and the browser test
 * both run this function.
 */
export async function startShopServer(options: ShopServerOptions = {}): Promise<ShopServer> {
  const signingKey = options.keyFile === undefined ? undefined : (await readOrCreateKey(options.keyFile)).key;
  const payServer = await createPayServer({ auth: { development: true }, catalog: shopCatalog(), ...(signingKey && { signingKey }) });
  const files = createStaticFiles(options.staticDir ?? DIST);
  const handle = (request: Request): Promise<Response> =>
    new URL(request.url).pathname.startsWith('/v1/') ? payServer.handle(request) : files(request);

  const node = await serveNode(handle, { port: options.port ?? 8787, host: options.host ?? '127.0.0.1' });
  return {
    url: new URL('/', node.url).href,
    async close() {
      await node.close();
      await payServer.close();
    },
  };
}
