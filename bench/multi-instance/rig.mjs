// @ts-check
import { BackendsMeter, machineTicks } from './cpu-meter.mjs';
import { Deployment, SERVICES } from './deployment.mjs';

/**
 * @typedef {object} WakeRow one way of waking a wait held on one instance when another is notified
 * @property {string} name
 * @property {import('./deployment.mjs').BusChoice} bus
 * @property {number} instances 1: the wait and the notification on the same process
 */

/** @typedef {import('../lib/bench-server.mjs').BenchBill} BenchBill */

/**
 * @typedef {object} CpuSplit CPU time used during a window, µs per notification (or per commit), by who used it
 * @property {number} notified the instance the channel notified (verify, store transition, wake-up sent)
 * @property {number} waitedOn the instance holding the waits, when another (the wake-up, the read, the signed answer)
 * @property {number} postgres PostgreSQL's backends serving the deployment's connections
 * @property {number} clients the SDK clients (the held requests, verifying the signed results)
 * @property {number} bench this process (the notifier, or the payer)
 * @property {number} machineBusy how busy the machine's CPUs were during the window, % — other sessions' work included
 */

/**
 * A deployment of one row, started once and used for every window of the phase: the bills it will be notified about
 * are created up front (set-up, not measured), and handed out window by window.
 */
export class Rig {
  /** @type {BenchBill[]} */
  #bills = [];

  /** @param {WakeRow} row @param {Deployment} deployment */
  constructor(row, deployment) {
    this.row = row;
    this.deployment = deployment;
    this.waitOn = deployment.at(0);
    this.notifyOn = deployment.at(row.instances - 1);
  }

  /**
   * @param {WakeRow} row
   * @param {number} bills how many bills the phase will use on it
   * @param {import('./deployment.mjs').DeploymentOptions} options
   */
  static async start(row, bills, options) {
    const rig = new Rig(row, await Deployment.start(row.bus, row.instances, options));
    rig.#bills = await rig.waitOn.rpc.call('create-bills', { count: bills, tag: row.bus });
    return rig;
  }

  /** The next `count` bills (never handed out twice). @param {number} count */
  take(count) {
    if (this.#bills.length < count) throw new Error(`${this.row.name}: out of bills`);
    return this.#bills.splice(0, count);
  }

  stop() {
    return this.deployment.stop();
  }

  /**
   * Starts counting CPU time; the answer's `stop(count, clients)` answers the {@link CpuSplit} per item.
   * @param {{ query: (text: string, values?: unknown[]) => Promise<{ rows: any[] }> }} admin
   * @param {() => Promise<number>} clientsCpuMs
   */
  async meter(admin, clientsCpuMs) {
    const instances = this.deployment.instances;
    const postgres = new BackendsMeter(
      admin,
      instances.map((instance) => instance.pid),
    );
    const read = async () => {
      const own = process.cpuUsage();
      return {
        instances: await Promise.all(instances.map((instance) => instance.rpc.call('cpu'))),
        clients: await clientsCpuMs(),
        bench: (own.user + own.system) / 1000,
        machine: machineTicks(),
      };
    };
    const before = await read();
    await postgres.start();
    return {
      /** @param {number} count @returns {Promise<CpuSplit>} */
      stop: async (count) => {
        const postgresMs = await postgres.stop();
        const after = await read();
        const per = (/** @type {number} */ ms) => Math.round((ms * 1000) / count);
        const instance = (/** @type {number} */ i) => (after.instances[i] ?? 0) - (before.instances[i] ?? 0);
        return {
          notified: per(instance(instances.length - 1)),
          waitedOn: instances.length > 1 ? per(instance(0)) : 0,
          postgres: per(postgresMs),
          clients: per(after.clients - before.clients),
          bench: per(after.bench - before.bench - postgres.ownMs),
          machineBusy: Math.round(
            (100 * (after.machine.busy - before.machine.busy)) /
              Math.max(1, after.machine.total - before.machine.total),
          ),
        };
      },
    };
  }
}

/** A connection to the cluster the deployments use, for reading `pg_stat_activity`. */
export async function openAdmin() {
  // A computed specifier: pg ships no types of its own (the server types the part it uses).
  const specifier = 'pg';
  const { default: pg } = await import(specifier);
  const client = new pg.Client({ connectionString: SERVICES.databaseUrl, application_name: 'coinslot-bench-meter' });
  await client.connect();
  return client;
}
