// @ts-check
import { randomBytes } from 'node:crypto';
import { Cluster } from './scale-out-cluster.mjs';
import { createBill, pay, waitPatiently } from './patient-client.mjs';
import { OwnRedis } from './services.mjs';

/** Seconds each wait asks to be held. */
export const HOLD_SECONDS = 10;
const pause = (/** @type {number} */ ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * @typedef {object} RowOutcome what one row saw
 * @property {number} bills
 * @property {(import('./patient-client.mjs').Arrival | undefined)[]} arrivals per bill, in order
 * @property {number[]} since per bill: when its payment was accepted, or the outage ended if later (Date.now())
 * @property {string[]} serverStates per bill, read back from a live instance at the end
 * @property {string[]} notes
 */

/**
 * @typedef {object} ScaleOutCase
 * @property {string} name
 * @property {'postgres' | 'redis'} bus
 * @property {string} fault what goes wrong, for the report
 * @property {(cluster: Cluster, ctx: { bills: number, redis: OwnRedis | undefined }) => Promise<RowOutcome>} run
 */

/**
 * `count` bills created on `createOn`, each with a patient client holding its wait on `waitOn` (then the instances
 * after it when one is gone), held for a moment before the fault.
 * @param {Cluster} cluster @param {number} count @param {string} createOn @param {string[]} waitOn
 */
async function heldWaits(cluster, count, createOn, waitOn) {
  const bills = await Promise.all(Array.from({ length: count }, () => createBill(cluster.url(createOn))));
  const keys = (await (await fetch(`${cluster.url(createOn)}/v1/keys`)).json()).keys;
  const urls = waitOn.map((name) => cluster.url(name));
  const arrivals = Promise.all(
    bills.map((bill) => waitPatiently(urls, bill.id, HOLD_SECONDS, keys, 6 * HOLD_SECONDS * 1000)),
  );
  await pause(300);
  return { bills, arrivals };
}

/** @param {Cluster} cluster @param {string} on @param {{ id: string }[]} bills */
async function statesOn(cluster, on, bills) {
  return Promise.all(
    bills.map(async (bill) => (await (await fetch(`${cluster.url(on)}/v1/bills/${bill.id}`)).json()).bill.state),
  );
}

/** @param {'postgres' | 'redis'} bus @returns {ScaleOutCase[]} */
function rowsFor(bus) {
  const label = bus === 'postgres' ? 'PostgreSQL bus' : 'Redis bus';
  /** @type {ScaleOutCase[]} */
  const rows = [
    {
      name: `${label}: wait on A, paid on B`,
      bus,
      fault: 'none: the wait is held on instance A, the channel notifies instance B',
      run: async (cluster, { bills: count }) => {
        const { bills, arrivals } = await heldWaits(cluster, count, 'a', ['a']);
        const since = await Promise.all(bills.map((bill) => pay(cluster.url('b'), bill)));
        return {
          bills: count,
          arrivals: await arrivals,
          since,
          serverStates: await statesOn(cluster, 'c', bills),
          notes: [],
        };
      },
    },
    {
      name: `${label}: A's listener killed`,
      bus,
      fault:
        bus === 'postgres'
          ? "A's LISTEN connection ended (pg_terminate_backend), then every bill paid on B"
          : "A's subscriber connection killed (CLIENT KILL), then every bill paid on B",
      run: async (cluster, { bills: count }) => {
        const { bills, arrivals } = await heldWaits(cluster, count, 'a', ['a']);
        const killed =
          bus === 'postgres'
            ? await cluster.terminateBackends({ name: 'a', statement: 'LISTEN' })
            : await cluster.killSubscriber('a');
        const since = await Promise.all(bills.map((bill) => pay(cluster.url('b'), bill)));
        return {
          bills: count,
          arrivals: await arrivals,
          since,
          serverStates: await statesOn(cluster, 'c', bills),
          notes: [`${killed} listener connection(s) ended`],
        };
      },
    },
    {
      name: `${label}: PostgreSQL "restarted"`,
      bus,
      fault:
        'every PostgreSQL connection of every instance ended with pg_terminate_backend (the shared cluster is never restarted), then every bill paid on C',
      run: async (cluster, { bills: count }) => {
        const half = Math.ceil(count / 2);
        const onA = await heldWaits(cluster, half, 'a', ['a']);
        const onB = await heldWaits(cluster, count - half, 'b', ['b']);
        const ended = await cluster.terminateBackends();
        const bills = [...onA.bills, ...onB.bills];
        const since = await Promise.all(bills.map((bill) => pay(cluster.url('c'), bill)));
        return {
          bills: count,
          arrivals: [...(await onA.arrivals), ...(await onB.arrivals)],
          since,
          serverStates: await statesOn(cluster, 'c', bills),
          notes: [`${ended} connections ended`],
        };
      },
    },
  ];
  if (bus === 'redis')
    rows.push({
      name: `${label}: Redis restarted`,
      bus,
      fault:
        'Redis (a redis-server of the row’s own) killed, every bill paid on B while it is down, Redis started again',
      run: async (cluster, { bills: count, redis }) => {
        const { bills, arrivals } = await heldWaits(cluster, count, 'a', ['a']);
        await redis?.stop();
        const paid = await Promise.all(bills.map((bill) => pay(cluster.url('b'), bill)));
        await pause(500);
        await redis?.restart();
        const back = Date.now();
        return {
          bills: count,
          arrivals: await arrivals,
          since: paid.map((at) => Math.max(at, back)),
          serverStates: await statesOn(cluster, 'c', bills),
          notes: ['Redis down ≥ 0.5 s'],
        };
      },
    });
  rows.push({
    name: `${label}: A killed mid-wait`,
    bus,
    fault: 'instance A SIGKILLed while holding every wait; the clients ask B again; every bill paid on C',
    run: async (cluster, { bills: count }) => {
      const { bills, arrivals } = await heldWaits(cluster, count, 'a', ['a', 'b']);
      await cluster.kill('a');
      await pause(300);
      const since = await Promise.all(bills.map((bill) => pay(cluster.url('c'), bill)));
      const got = await arrivals;
      return {
        bills: count,
        arrivals: got,
        since,
        serverStates: await statesOn(cluster, 'c', bills),
        notes: [`${got.filter((a) => a && a.failures > 0).length} clients moved to B`],
      };
    },
  });
  return rows;
}

/** Every scale-out row, in table order. */
export const allScaleOutCases = () => [...rowsFor('postgres'), ...rowsFor('redis')];

/**
 * Runs one row on a fresh cluster of three instances (and, for the Redis bus, a Redis of its own); with `noBus` (a
 * planted fault) the instances run with the in-process bus, so none hears another.
 * @param {ScaleOutCase} row @param {number} bills @param {boolean} [noBus]
 */
export async function runScaleOutCase(row, bills, noBus = false) {
  const redis = row.bus === 'redis' ? await OwnRedis.start() : undefined;
  const bus = redis
    ? { kind: /** @type {const} */ ('redis'), url: redis.url, prefix: `faults_${randomBytes(4).toString('hex')}:` }
    : { kind: /** @type {const} */ ('postgres') };
  const cluster = await Cluster.start(noBus ? { kind: 'in-process' } : bus, ['a', 'b', 'c']);
  try {
    return await row.run(cluster, { bills, redis });
  } finally {
    await cluster.close();
    await redis?.stop();
  }
}
