// @ts-check
// A pay server child process for the fulfilment row "pay server killed between the commit and the dispatch": the
// real `@coinslot/server` build (its path in the configuration file, argv[2]) on a durable SQLite store in the
// configuration's data dir, served on loopback, sending webhooks. The harness SIGKILLs it and starts it again on the
// same port and data dir. Its clock is the real one plus an offset the harness moves over IPC (`{ op: 'clock' }`),
// so the lease of an attempt cut by the kill runs out without waiting for it; `{ op: 'stats' }` answers
// `payServer.events.stats()`. It prints `listening on <url>` once it serves.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { fulfilmentServerOptions } from './in-process-server.mjs';

/** @type {import('./in-process-server.mjs').FulfilmentServerOptions & { serverModule: string, dataDir: string, port: number, clockOffsetMs: number }} */
const config = JSON.parse(readFileSync(/** @type {string} */ (process.argv[2]), 'utf8'));
/** @type {typeof import('@coinslot/server')} */
const server = await import(pathToFileURL(config.serverModule).href);

let offset = config.clockOffsetMs;
const store = await server.SqliteBillStore.open(path.join(config.dataDir, 'bills.sqlite'));
const payServer = await server.createPayServer(
  fulfilmentServerOptions(server, config, store, () => Date.now() + offset),
);
const listener = await server.serveNode(payServer.handle, { port: config.port, host: '127.0.0.1' });

process.on('message', async (/** @type {{ id: number, op: string, offsetMs?: number }} */ message) => {
  if (message.op === 'clock') offset = message.offsetMs ?? offset;
  const result = message.op === 'stats' ? await payServer.events.stats() : { offset };
  process.send?.({ id: message.id, result });
});
process.once('SIGTERM', async () => {
  await payServer.close();
  await listener.close();
  await store.close();
  process.exit(0);
});
console.log(`listening on ${listener.url}`);
