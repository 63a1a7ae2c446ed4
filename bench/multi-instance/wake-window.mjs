// @ts-check
import { ClientWorkers } from '../lib/client-workers.mjs';
import { sleep } from '../lib/clock.mjs';
import { notifyAtRate } from '../lib/notifier.mjs';

/**
 * @typedef {object} WindowResult one window of one row
 * @property {number[]} latencies notify sent to instance B → result verified by the client waiting on A, ms
 *   (`Infinity`: not resolved 15 s after the last notification)
 * @property {number} notifyFailed notifications not answered `200`
 * @property {import('./rig.mjs').CpuSplit} cpu
 */

/**
 * The SDK clients of every row: a few processes (`createCoinslot().resume()`, which verifies the signed result),
 * pointed at the row's instance A before each window. Every deployment signs with one key, so one set of clients
 * trusts them all.
 */
export class WaitingClients {
  /** Waits of earlier windows that ended (resolved or failed). */
  #ended = 0;

  /** @param {ClientWorkers} workers @param {unknown[]} keys */
  constructor(workers, keys) {
    this.workers = workers;
    this.keys = keys;
  }

  /** @param {number} count @param {unknown[]} keys @param {string} server */
  static async start(count, keys, server) {
    return new WaitingClients(await ClientWorkers.start(count, { server, keys, strategy: 'coinslot' }), keys);
  }

  /**
   * One window on `rig`: a wait per bill held on instance A (every bill read once, so every wait is registered and
   * held), then the channel's notifications to instance B at `rate`/s; t1 − t0 per bill, and the CPU each part used.
   * @param {import('./rig.mjs').Rig} rig
   * @param {{ query: (text: string, values?: unknown[]) => Promise<{ rows: any[] }> }} admin
   * @param {{ rate: number, size: number, profile?: string }} p `profile`: a path prefix; each instance writes
   *   `<profile>-<instance index>.cpuprofile` of the notifications' time
   * @returns {Promise<WindowResult>}
   */
  async window(rig, admin, { rate, size, profile }) {
    const bills = rig.take(size);
    const server = rig.waitOn.url;
    await this.workers.all((w) =>
      w.call('setup', { server, keys: this.keys, strategy: 'coinslot', pollOffset: 'none' }),
    );
    const readsBefore = await rig.waitOn.rpc.call('reads');
    await this.workers.open(bills);
    const heldBy = Date.now() + 15_000;
    while ((await rig.waitOn.rpc.call('reads')) < readsBefore + size && Date.now() < heldBy) await sleep(20);
    await sleep(50); // the last reads' waits go from the read to the hold
    const instances = rig.deployment.instances;
    if (profile) await Promise.all(instances.map((instance) => instance.rpc.call('profile-start')));
    const meter = await rig.meter(admin, () => this.workers.cpuMs());
    const run = await notifyAtRate(rig.notifyOn.url, rig.deployment.secret, bills, rate);
    // Counted from what ended before this window: a wait an earlier window lost must not make every later one wait
    // out the 15 s.
    const ended = await this.workers.settled(this.#ended + size, 15_000);
    this.#ended = ended.resolved + ended.failed;
    const cpu = await meter.stop(size);
    if (profile) await Promise.all(instances.map((x, i) => x.rpc.call('profile-stop', `${profile}-${i}.cpuprofile`)));
    const resolvedAt = await this.workers.resolvedAt();
    const latencies = bills.map((b) => (resolvedAt.get(b.id) ?? Infinity) - (run.sentAt.get(b.id) ?? 0));
    return { latencies, notifyFailed: run.failed, cpu };
  }

  stop() {
    return this.workers.stop();
  }
}
