import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createPayServer,
  createSandboxDriver,
  generateSigningKey,
  MemoryBillStore,
  serveNode,
  SqliteBillStore,
  type BillStore,
  type NodeListener,
  type AppOptions,
  type PayServer,
  type PayServerOptions,
} from '@coinslot/server';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import * as vitest from 'vitest';
import {
  describePayServerConformance,
  type OtherGameCredentials,
  type PayServerAuth,
} from '../src/pay-server-conformance/index.js';

/** The sandbox secret the reference servers under test use. */
export const SANDBOX_SECRET = 'conformance-sandbox-secret-0123456789';
/** The Origin the suite sends, allowed by the servers under test. */
export const ORIGIN = 'https://game.example';

/** Rewrites requests or answers around the reference handler: how a test plants a fault. */
export type HandlerWrap = (handle: (request: Request) => Promise<Response>) => (request: Request) => Promise<Response>;

/** How to start the reference server. */
export interface ReferenceOptions {
  store: 'memory' | 'sqlite';
  wrap?: HandlerWrap;
  /** Extra server options (e.g. `corsOrigins`, `billTtlMs`). */
  server?: Partial<PayServerOptions>;
  /** A new signing key on every start (a planted fault): by default one key for the server's whole life. */
  newKeyOnRestart?: boolean;
  /** How the server authenticates. @default 'development' */
  auth?: 'development' | 'player-tokens' | 'server-key';
  /** Who delivers (with `auth` other than development). @default 'player' */
  deliveredBy?: 'player' | 'server';
  /** The server's clock tolerance for player tokens, in seconds (a planted fault when huge). @default the server's */
  clockToleranceSeconds?: number;
  /** The game backend (keys) to use. @default a new one for `auth` */
  identity?: TestIdentity;
  /** A new bill-token secret on every start (a planted fault): by default one secret for the server's whole life. */
  newBillTokenSecretOnRestart?: boolean;
  /** A second game on the server (`apps`), whose credentials the suite gets as `otherGame`. @default one game */
  otherGame?: OtherGame;
}

/** A reference pay server on a loopback port that can restart on the same port. */
export interface ReferenceServer {
  url: string;
  /** The suite's `auth` option for this server (player tokens minted by the test's own game backend). */
  suiteAuth: PayServerAuth;
  restart(): Promise<void>;
  close(): Promise<void>;
}

/** Starts `@coinslot/server` in-process on 127.0.0.1 port 0, on the chosen store. */
export async function startReference(options: ReferenceOptions): Promise<ReferenceServer> {
  const dir = await mkdtemp(join(tmpdir(), 'coinslot-conformance-'));
  const file = join(dir, 'bills.sqlite');
  const openStore = async (): Promise<BillStore> =>
    options.store === 'sqlite' ? SqliteBillStore.open(file) : new MemoryBillStore();
  let signingKey = await generateSigningKey('k-conformance');
  const identity = options.identity ?? createTestIdentity(options);
  let billTokenSecret = randomBytes(32).toString('base64url');
  let store: BillStore | undefined;
  let payServer: PayServer | undefined;
  let listener: NodeListener | undefined;
  const start = async (port: number) => {
    store = await openStore();
    const auth = await identity.serverAuth(billTokenSecret);
    // With real auth the reference server prices from its catalog (it refuses to start without one).
    const catalog = auth && 'development' in auth ? {} : { catalog: CONFORMANCE_CATALOG };
    payServer = await createPayServer({
      auth,
      ...catalog,
      ...(options.otherGame ? { apps: { [OTHER_GAME_ID]: await options.otherGame.appOptions() } } : {}),
      limits: SUITE_LIMITS,
      drivers: [createSandboxDriver({ secret: SANDBOX_SECRET })],
      signingKey,
      store,
      ...options.server,
    });
    const handle = options.wrap ? options.wrap(payServer.handle) : payServer.handle;
    listener = await serveNode(handle, { port });
  };
  const stop = async () => {
    await payServer?.close();
    await listener?.close();
    await (store as { close?: () => Promise<void> } | undefined)?.close?.();
  };
  await start(0);
  const port = listener!.port;
  return {
    url: listener!.url,
    suiteAuth: identity.suiteAuth,
    async restart() {
      await stop();
      if (options.newKeyOnRestart) signingKey = await generateSigningKey('k-conformance-2');
      if (options.newBillTokenSecretOnRestart) billTokenSecret = randomBytes(32).toString('base64url');
      await start(port);
    },
    async close() {
      await stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

const ISSUER = 'https://game-backend.example';
const AUDIENCE = 'https://pay.example';

/** The game backend of a test: its player-token key pair and server key, as the pay server's and the suite's options. */
export interface TestIdentity {
  /** The pay server's `auth` option. */
  serverAuth(billTokenSecret: string): Promise<PayServerOptions['auth']>;
  /** The suite's `auth` option (player tokens minted with the backend's key). */
  suiteAuth: PayServerAuth;
}

/** A game backend for `options.auth`; synchronous, so tests can be registered with its suite options. */
export function createTestIdentity({
  auth = 'development',
  deliveredBy = 'player',
  clockToleranceSeconds,
}: Omit<ReferenceOptions, 'store'>): TestIdentity {
  const kid = 'game-backend-1';
  const keys = generateKeyPair('ES256');
  const serverKey = `csk_${randomBytes(32).toString('base64url')}`;
  const mint = async (userId: string, issuedAt: number, lifetimeSeconds: number) =>
    new SignJWT({})
      .setProtectedHeader({ alg: 'ES256', kid })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setSubject(userId)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + lifetimeSeconds)
      .sign((await keys).privateKey);
  const now = () => Math.floor(Date.now() / 1000);
  return {
    async serverAuth(billTokenSecret) {
      if (auth === 'development') return { development: true };
      if (auth === 'server-key') return { serverKeys: [serverKey], deliveredBy, billTokenSecret };
      const publicKeys = { keys: [{ ...(await exportJWK((await keys).publicKey)), kid, alg: 'ES256', use: 'sig' }] };
      const tolerance = clockToleranceSeconds === undefined ? {} : { clockToleranceSeconds };
      return {
        playerTokens: { issuer: ISSUER, audience: AUDIENCE, publicKeys, ...tolerance },
        serverKeys: [serverKey],
        deliveredBy,
        billTokenSecret,
      };
    },
    suiteAuth:
      auth === 'development'
        ? { mode: 'development' }
        : auth === 'server-key'
          ? { mode: 'server-key', serverKey, deliveredBy }
          : {
              mode: 'player-tokens',
              playerToken: (userId) => mint(userId, now(), 600),
              // Issued 20 minutes ago for 10 minutes: expired well beyond the server's 30 s of clock tolerance.
              expiredPlayerToken: (userId) => mint(userId, now() - 1200, 600),
              serverKey,
              deliveredBy,
            },
  };
}

/** The app id of the reference server's second game. */
export const OTHER_GAME_ID = 'other-game';

/** A second game: its app options on the reference server and its credentials as the suite's `otherGame`. */
export interface OtherGame {
  appOptions(): Promise<AppOptions>;
  credentials: OtherGameCredentials;
}

/**
 * A second game with its own player-token key and issuer (the audience is the first game's: the issuer tells them
 * apart), server key, catalog and sandbox secret.
 */
export function createOtherGame(): OtherGame {
  const issuer = 'https://other-game-backend.example';
  const kid = 'other-game-1';
  const keys = generateKeyPair('ES256');
  const serverKey = `csk_${randomBytes(32).toString('base64url')}`;
  return {
    async appOptions() {
      const publicKeys = { keys: [{ ...(await exportJWK((await keys).publicKey)), kid, alg: 'ES256', use: 'sig' }] };
      return {
        auth: { playerTokens: { issuer, audience: AUDIENCE, publicKeys }, serverKeys: [serverKey] },
        catalog: CONFORMANCE_CATALOG,
        drivers: [createSandboxDriver({ secret: `${SANDBOX_SECRET}-other-game` })],
      };
    },
    credentials: {
      serverKey,
      playerToken: async (userId) =>
        new SignJWT({})
          .setProtectedHeader({ alg: 'ES256', kid })
          .setIssuer(issuer)
          .setAudience(AUDIENCE)
          .setSubject(userId)
          .setIssuedAt()
          .setExpirationTime('10m')
          .sign((await keys).privateKey),
    },
  };
}

/** Short enough for bill-expiry to wait for, long enough for every other check to finish with its bills open. */
export const BILL_TTL_MS = 8_000;

/** The credential checks and the ones that deliver: what changes for a server whose game backend delivers. */
export const DELIVERY_CHECKS = [
  'own-bill-credentials',
  'cross-player-bills',
  'bill-token-scope',
  'deliver-by-server',
  'deliver-bill',
  'repeated-requests',
];

/** Which checks {@link describeAgainstReference} registers besides those every run has. */
export interface SuiteSelection {
  /** Run bill-expiry (it waits {@link BILL_TTL_MS}): the server's bills then live that long. @default false */
  expiry?: boolean;
  /** Only these checks. @default every check */
  only?: string[];
}

/**
 * The suite is a burst client: one player creates dozens of bills in seconds and keeps many open. The reference
 * server's per-player limits (10 creates a minute, 20 open bills) would answer 429 long before the protocol's rules
 * are checked, so the servers under test lift them; the limits have their own tests in @coinslot/server.
 */
const SUITE_LIMITS = {
  create: { perIdentity: false },
  wait: { perIdentity: false },
  other: { perIdentity: false },
  openBillsPerPlayer: 100_000,
} as const;

/** The suite's item at its price (`UNIT_PRICE` of the suite), for servers with real auth. */
export const CONFORMANCE_CATALOG = { 'conformance-gem': { amount: 499, currency: 'USD' } };

/**
 * Registers the suite against one reference server started in `beforeAll`, in the auth mode of `options`; a SQLite
 * server is restarted for the durability checks.
 */
export function describeAgainstReference(
  name: string,
  options: ReferenceOptions,
  { expiry = false, only }: SuiteSelection = {},
): void {
  const identity = createTestIdentity(options);
  vitest.describe(name, () => {
    let server: ReferenceServer | undefined;
    vitest.beforeAll(async () => {
      const ttl = expiry ? { billTtlMs: BILL_TTL_MS } : {};
      server = await startReference({
        ...options,
        identity,
        server: { ...ttl, corsOrigins: [ORIGIN], ...options.server },
      });
    });
    vitest.afterAll(() => server?.close());
    describePayServerConformance(
      {
        url: () => server!.url,
        sandboxSecret: SANDBOX_SECRET,
        origin: ORIGIN,
        algorithms: ['ES256'],
        ...(expiry ? { billTtlMs: BILL_TTL_MS } : {}),
        auth: identity.suiteAuth,
        catalog: (options.auth ?? 'development') !== 'development',
        ...(options.otherGame ? { otherGame: options.otherGame.credentials } : {}),
        ...(only ? { only } : {}),
        // The memory store forgets everything on a restart by design: only the SQLite store is durable.
        ...(options.store === 'sqlite' ? { restart: () => server!.restart() } : {}),
      },
      vitest,
    );
  });
}
