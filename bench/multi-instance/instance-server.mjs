// @ts-check
// A bench child process: one instance of a deployment — the REAL reference pay server (`createPayServer` +
// `serveNode`) on the PostgreSQL store in `--schema`, with the wake-up bus `--bus` (postgres, redis, in-process, or the
// original design's one-second Redis reader), the signing key and sandbox secret every instance shares. Limits are
// lifted as in the other bench servers: the bench plays thousands of players from one loopback address.
import { parseArgs } from 'node:util';
import { serveRpc } from '../lib/child-rpc.mjs';
import { seedBills } from '../server/seed-bills.mjs';
import { openOneSecondReaderBus } from './one-second-reader-bus.mjs';

const { values } = parseArgs({
  options: {
    bus: { type: 'string' },
    'database-url': { type: 'string' },
    schema: { type: 'string' },
    'redis-url': { type: 'string' },
    prefix: { type: 'string' },
    secret: { type: 'string' },
    'signing-key': { type: 'string' },
  },
});
/** @type {typeof import('@coinslot/server')} */
const { createPayServer, createSandboxDriver, PostgresBillStore, PostgresWakeBus, RedisWakeBus, serveNode } =
  await import(process.env.BENCH_SERVER_MODULE ?? '@coinslot/server');

const connectionString = /** @type {string} */ (values['database-url']);
const schema = /** @type {string} */ (values.schema);
const redis = { url: /** @type {string} */ (values['redis-url']), prefix: /** @type {string} */ (values.prefix) };
const store = await PostgresBillStore.open({ connectionString, schema, maxConnections: 20 });
const bus =
  values.bus === 'postgres'
    ? await PostgresWakeBus.open({ connectionString, schema })
    : values.bus === 'redis'
      ? await RedisWakeBus.open(redis)
      : values.bus === 'redis-one-second-reader'
        ? await openOneSecondReaderBus(redis)
        : undefined;

const UNLIMITED = { burst: 1e9, perMinute: 1e9 };
const LIFTED = { perIp: UNLIMITED, perIdentity: UNLIMITED };
/** @type {import('@coinslot/server').PayServerOptions['limits']} */
const limits = { create: LIFTED, wait: LIFTED, other: LIFTED, heldWaitsPerIp: 1e9, maxConnections: 1e9 };
const payServer = await createPayServer({
  auth: { development: true },
  limits,
  store,
  ...(bus && { bus }),
  signingKey: JSON.parse(/** @type {string} */ (values['signing-key'])),
  drivers: [createSandboxDriver({ secret: values.secret })],
});
const listener = await serveNode(payServer.handle, { port: 0, limits });

serveRpc({
  info: () => ({ url: listener.url, keys: payServer.publicKeys(), pid: process.pid }),
  'create-bills': (/** @type {{ count: number, tag: string }} */ what) => seedBills(payServer, listener.url, what),
  close: async () => {
    await payServer.close();
    await listener.close();
    await bus?.close();
    await store.close();
  },
});
