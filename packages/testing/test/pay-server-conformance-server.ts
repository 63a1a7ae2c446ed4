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
  type PayServer,
  type PayServerOptions,
} from '@coinslot/server';

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
}

/** A reference pay server on a loopback port that can restart on the same port. */
export interface ReferenceServer {
  url: string;
  restart(): Promise<void>;
  close(): Promise<void>;
}

/** Starts `@coinslot/server` in-process on 127.0.0.1 port 0, on the chosen store. */
export async function startReference(options: ReferenceOptions): Promise<ReferenceServer> {
  const dir = await mkdtemp(join(tmpdir(), 'coinslot-conformance-'));
  const file = join(dir, 'bills.sqlite');
  const openStore = async (): Promise<BillStore> => (options.store === 'sqlite' ? SqliteBillStore.open(file) : new MemoryBillStore());
  let signingKey = await generateSigningKey('k-conformance');
  let store: BillStore | undefined;
  let payServer: PayServer | undefined;
  let listener: NodeListener | undefined;
  const start = async (port: number) => {
    store = await openStore();
    payServer = await createPayServer({ auth: { development: true }, drivers: [createSandboxDriver({ secret: SANDBOX_SECRET })], signingKey, store, ...options.server });
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
    async restart() {
      await stop();
      if (options.newKeyOnRestart) signingKey = await generateSigningKey('k-conformance-2');
      await start(port);
    },
    async close() {
      await stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
