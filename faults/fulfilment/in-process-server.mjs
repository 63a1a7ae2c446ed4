// @ts-check
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { paths } from '../lib/build-snapshot.mjs';
import { CATALOG, SANDBOX_SECRET } from '../lib/server-process.mjs';
import { losingEvents } from './planted-store.mjs';

/**
 * The built `@coinslot/server` of the run's build snapshot (next to the CLI the other rows start).
 * @returns {Promise<typeof import('@coinslot/server')>}
 */
export const loadServer = () => import(pathToFileURL(path.join(path.dirname(paths.serverCli), 'index.js')).href);

/**
 * What a fulfilment pay server is started with, in process or as a child.
 * @typedef {object} FulfilmentServerOptions
 * @property {string} serverKey the game backend's `csk_…` key (the only auth: the game backend creates and delivers)
 * @property {import('@coinslot/server').WebhookPrivateKey} webhookKey signs the webhooks
 * @property {string} webhookUrl the game backend's endpoint
 * @property {number} [timeoutMs] one attempt's timeout (events.timeoutMs)
 * @property {number} [concurrency] attempts in flight at once
 * @property {number} [pollIntervalMs] how often due retries are looked for (real time)
 * @property {boolean} [loseEvents] the planted fault `lost-event` (see `planted-store.mjs`)
 */

/**
 * The pay server's options for a fulfilment row: server-key auth with `deliveredBy: 'server'` (a game whose backend
 * grants), the fault catalog, the sandbox driver with the harness's secret, and events to the game backend.
 * @param {typeof import('@coinslot/server')} server
 * @param {FulfilmentServerOptions} options
 * @param {import('@coinslot/server').BillStore} store
 * @param {() => number} now
 * @returns {import('@coinslot/server').PayServerOptions}
 */
export function fulfilmentServerOptions(server, options, store, now) {
  return {
    auth: { serverKeys: [options.serverKey], deliveredBy: 'server' },
    catalog: CATALOG,
    drivers: [server.createSandboxDriver({ secret: SANDBOX_SECRET })],
    store: options.loseEvents ? losingEvents(store) : store,
    now,
    events: {
      webhookUrl: options.webhookUrl,
      signing: { privateKey: options.webhookKey },
      ...(options.timeoutMs !== undefined && { timeoutMs: options.timeoutMs }),
      ...(options.concurrency !== undefined && { concurrency: options.concurrency }),
      pollIntervalMs: options.pollIntervalMs ?? 3_600_000,
    },
  };
}

/**
 * @typedef {object} InProcessServer
 * @property {string} url
 * @property {import('@coinslot/server').PayServer} payServer its `events` drive the schedule (`flush`, `drain`, `stats`)
 * @property {import('@coinslot/server').SqliteBillStore} store the real store (not the planted wrapper): the harness
 *   reads when the next attempts are due from it, to move the clock there
 * @property {() => Promise<void>} close
 */

/**
 * The real pay server (the snapshot's build) in this process, on a SQLite store in `dir`, served over loopback
 * with `serveNode`. Its clock is `now`, which the rows move ahead to play hours in seconds; no timer polls for
 * retries unless `pollIntervalMs` says so (the row flushes).
 * @param {string} dir
 * @param {FulfilmentServerOptions & { now?: () => number }} options
 * @returns {Promise<InProcessServer>}
 */
export async function startInProcessServer(dir, options) {
  const server = await loadServer();
  const store = await server.SqliteBillStore.open(path.join(dir, 'bills.sqlite'));
  const payServer = await server.createPayServer(
    fulfilmentServerOptions(server, options, store, options.now ?? Date.now),
  );
  const listener = await server.serveNode(payServer.handle, { port: 0 });
  return {
    url: listener.url,
    payServer,
    store,
    close: async () => {
      await payServer.close();
      await listener.close();
      await store.close();
    },
  };
}
