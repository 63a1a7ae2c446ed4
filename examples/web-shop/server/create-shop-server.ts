import {
  createEventReceiver,
  createPayServerClient,
  createPlayerTokenIssuer,
  generateServerKey,
} from '@coinslot/backend';
import {
  createPayServer,
  createSandboxDriver,
  generateWebhookKey,
  readOrCreateKey,
  serveNode,
  type WebhookPrivateKey,
} from '@coinslot/server';
import { fileURLToPath } from 'node:url';
import { SHOP_CHANNELS, type ShopChannelId } from '../src/shop-channels.js';
import { shopCatalog } from '../src/shop-items.js';
import { openCoinLedger } from './coin-ledger.js';
import { coinslotEventsHandler } from './coinslot-events.js';
import { createPlayerSessions } from './player-sessions.js';
import { createShopBackend } from './shop-backend.js';
import { createStaticFiles } from './static-files.js';
import type { EmulatedChannels } from './emulated/start-emulated-channels.js';

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
  /** Where the backend keeps the players' coins (a JSON file) across restarts; without it they live in memory. */
  walletFile?: string;
  /**
   * The Ed25519 key the pay server signs its webhooks with; the backend verifies them with its public half, read in
   * this process. The tests give their own, to sign a replayed webhook. @default a new key at every start
   */
  webhookKey?: WebhookPrivateKey;
  /** Where the backend tells each grant and take-back, one line each. @default nowhere */
  log?: (line: string) => void;
  /**
   * Offer the real channels too — Stripe, Alipay (precreate QR) and WeChat Pay (Native QR) — each driver against its
   * provider's emulator, started in this process on a free loopback port (`@coinslot/testing/emulators`). No real
   * provider is contacted. `npm start -- --emulators` sets it. @default false: the sandbox only
   */
  emulators?: boolean;
}

/** An emulator the shop started, as the terminal shows it. */
export interface ShopEmulator {
  /** The channel it stands behind. */
  channel: ShopChannelId;
  /** `Stripe emulator`. */
  name: string;
  /** Its base URL, `http://127.0.0.1:<port>`. */
  url: string;
  /** Where it listens, and what the driver talks to there, in words. */
  listens: string;
}

/** A running web shop. */
export interface ShopServer {
  /** Its base URL, e.g. `http://127.0.0.1:8787/`. */
  url: string;
  /** The channels its pay server runs, in the page's order: `['sandbox']` without emulators. */
  channels: readonly ShopChannelId[];
  /** The emulators it started (none without {@link ShopServerOptions.emulators}). */
  emulators: readonly ShopEmulator[];
  /** Stop listening, stop the pay server (held waits end) and the emulators. */
  close(): Promise<void>;
}

const DIST = fileURLToPath(new URL('../dist/', import.meta.url));

/** The `iss` of the shop backend's player tokens and the `aud` naming its pay server; both sides are configured here. */
export const SHOP_TOKEN_ISSUER = 'coinslot-example-web-shop';
export const SHOP_TOKEN_AUDIENCE = 'coinslot-example-web-shop/pay';

/** Where the pay server sends its webhooks: the shop's backend, in this same process, over loopback. */
export const EVENTS_PATH = '/api/coinslot-events';

/**
 * Start the web shop: ONE Node HTTP server holding the shop's game backend (`/api/*`: a demo login, player tokens,
 * the pay server's keys to pin, the players' coins and the pay server's webhooks; its JWKS at
 * `/.well-known/jwks.json`), the Coinslot pay server (`/v1/*`) and the built page (everything else).
 *
 * The backend grants: the pay server sends each bill's events to {@link EVENTS_PATH} (signed; the backend verifies
 * them with the pay server's `whpk_` key, read here), the backend adds a paid bill's coins to its ledger and marks
 * the bill delivered with its own server key — which only it holds (`auth.deliveredBy: 'server'`: a player cannot
 * mark a bill delivered). The pay server verifies the backend's player tokens with `publicKeys` handed over in this
 * process; a backend in another process would be given as `jwksUrl`. It prices bills from the shop's catalog and
 * runs the sandbox channel, asked for by name — and with `emulators`, Stripe, Alipay and WeChat Pay against their
 * emulators (server/emulated/, loaded only then). `npm start` and the browser tests both run this function.
 */
export async function startShopServer(options: ShopServerOptions = {}): Promise<ShopServer> {
  const signingKey = options.keyFile === undefined ? undefined : (await readOrCreateKey(options.keyFile)).key;
  // A key in memory: sessions live in memory too, so a restart logs everyone out and old tokens go with them.
  const tokens = await createPlayerTokenIssuer({ issuer: SHOP_TOKEN_ISSUER, audience: SHOP_TOKEN_AUDIENCE });
  const ledger = await openCoinLedger(options.walletFile);
  const backendKey = generateServerKey(); // the backend's own server key: it never leaves this process
  const webhookKey = options.webhookKey ?? (await generateWebhookKey()).privateKey;
  const emulated = options.emulators ? await startEmulators() : undefined;
  const channels: ShopChannelId[] = ['sandbox', ...(emulated?.channels.map((channel) => channel.id) ?? [])];
  const currencies = [...new Set(channels.map((id) => SHOP_CHANNELS[id].currency))];

  // Listen first: the webhook URL names the port, which is known only now when it was 0.
  let handle = async (_request: Request): Promise<Response> => new Response('starting', { status: 503 });
  const node = await serveNode((request) => handle(request), {
    port: options.port ?? 8787,
    host: options.host ?? '127.0.0.1',
  }).catch(async (error: unknown) => {
    await emulated?.close();
    throw error;
  });
  emulated?.connect(node.url);
  const payServer = await createPayServer({
    auth: {
      playerTokens: { issuer: SHOP_TOKEN_ISSUER, audience: SHOP_TOKEN_AUDIENCE, publicKeys: tokens.jwks() },
      serverKeys: [backendKey, ...(options.serverKeys ?? [])],
      deliveredBy: 'server',
    },
    catalog: shopCatalog(currencies),
    drivers: [createSandboxDriver(), ...(emulated?.channels.map((channel) => channel.driver) ?? [])],
    events: { webhookUrl: new URL(EVENTS_PATH, node.url).href, signing: { privateKey: webhookKey } },
    ...(signingKey && { signingKey }),
  }).catch(async (error: unknown) => {
    await node.close();
    await emulated?.close();
    throw error;
  });
  const backend = createShopBackend({
    tokens,
    sessions: createPlayerSessions(),
    payServerKeys: payServer.publicKeys(),
    ledger,
    coinslotEvents: coinslotEventsHandler({
      receiver: createEventReceiver({ publicKey: payServer.events.publicKey! }),
      ledger,
      payServer: createPayServerClient({ url: node.url, serverKey: backendKey }),
      ...(options.log && { log: options.log }),
    }),
    channels,
    ...(emulated && { scanAndPay: (code: string) => emulated.scanAndPay(code) }),
  });
  const files = createStaticFiles(options.staticDir ?? DIST);
  handle = async (request) => {
    if (new URL(request.url).pathname.startsWith('/v1/')) return payServer.handle(request);
    return (await backend(request)) ?? files(request);
  };

  return {
    url: new URL('/', node.url).href,
    channels,
    emulators: (emulated?.channels ?? []).map(({ id, emulator, url, listens }) => ({
      channel: id,
      name: emulator,
      url,
      listens,
    })),
    async close() {
      await node.close();
      await payServer.close();
      await emulated?.close();
    },
  };
}

/** The emulated channels, from a module (and packages) loaded only when asked for: `npm start` stays as it was. */
async function startEmulators(): Promise<EmulatedChannels> {
  return (await import('./emulated/start-emulated-channels.js')).startEmulatedChannels();
}
