// @ts-check
// A bench child process: one instance of a deployment — the REAL reference pay server (`createPayServer` +
// `serveNode`) on the PostgreSQL store in `--schema`, with the wake-up bus `--bus` (postgres, redis, in-process, or the
// original design's one-second Redis reader), the signing key, bill-token secret and sandbox secret every instance shares. Limits are
// lifted as in the other bench servers: the bench plays thousands of players from one loopback address. `reads` answers
// how many bill reads have completed, so the bench knows when every wait it opened is held (a wait registers, then
// reads its bill, then holds).
import { parseArgs } from 'node:util';
import { childSecrets, serveRpc } from '../lib/child-rpc.mjs';
import { startProfile, stopProfile } from '../lib/cpu-profiler.mjs';
import { seedBills } from '../server/seed-bills.mjs';
import { openOneSecondReaderBus } from './one-second-reader-bus.mjs';

const { values } = parseArgs({
  options: {
    bus: { type: 'string' },
    'database-url': { type: 'string' },
    schema: { type: 'string' },
    'redis-url': { type: 'string' },
    prefix: { type: 'string' },
  },
});
/** @type {typeof import('@coinslot/server')} */
const { createPayServer, createSandboxDriver, PostgresBillStore, PostgresWakeBus, RedisWakeBus, serveNode } =
  await import(process.env.BENCH_SERVER_MODULE ?? '@coinslot/server');

// The signing key, bill-token secret and sandbox secret come in the environment (ChildRpc's `secrets`).
const secrets = childSecrets();
const connectionString = /** @type {string} */ (values['database-url']);
const schema = /** @type {string} */ (values.schema);
const redis = { url: /** @type {string} */ (values['redis-url']), prefix: /** @type {string} */ (values.prefix) };
// Seven instances run at once (four rows, all started first) beside other work on one PostgreSQL: with 20
// connections each they passed PostgreSQL's 100 (`remaining connection slots are reserved`), and a notification
// refused that way left its bill open and its wait unresolved. Pool sizes 4–20 made no measurable difference here.
const POOL_SIZE = 8;
const store = await PostgresBillStore.open({ connectionString, schema, maxConnections: POOL_SIZE });
let reads = 0;
const getBill = store.getBill.bind(store);
store.getBill = async (/** @type {string} */ id) => {
  const record = await getBill(id);
  reads += 1;
  return record;
};
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
  auth: { development: true, billTokenSecret: secrets.billTokenSecret },
  limits,
  store,
  ...(bus && { bus }),
  signingKey: JSON.parse(/** @type {string} */ (secrets.signingKey)),
  drivers: [createSandboxDriver({ secret: secrets.secret })],
});
const listener = await serveNode(payServer.handle, { port: 0, limits });

serveRpc({
  info: () => ({ url: listener.url, keys: payServer.publicKeys(), pid: process.pid }),
  reads: () => reads,
  'profile-start': startProfile,
  'profile-stop': stopProfile,
  'create-bills': (/** @type {{ count: number, tag: string }} */ what) => seedBills(payServer, listener.url, what),
  close: async () => {
    await payServer.close();
    await listener.close();
    await bus?.close();
    await store.close();
  },
});
