// @ts-check
import { fileURLToPath } from 'node:url';
import { ChildRpc } from './child-rpc.mjs';
import { checkSharedClock, sleep } from './clock.mjs';

const SCRIPT = fileURLToPath(new URL('../client/client-worker.mjs', import.meta.url));

/**
 * A few client processes sharing the waits, so one process's event loop is not what is measured.
 */
export class ClientWorkers {
  /** @type {ChildRpc[]} */
  #workers;

  /**
   * @param {number} count
   * @param {{ server: string, keys: unknown[], strategy: string, pollOffset?: 'random' | 'none', clientFetch?: 'node' | 'global', segments?: boolean }} setup
   */
  static async start(count, setup) {
    const workers = new ClientWorkers(Array.from({ length: count }, () => new ChildRpc(SCRIPT)));
    await workers.all((w) => w.call('setup', { pollOffset: 'random', ...setup }));
    await workers.all((w) => checkSharedClock(() => w.call('now')));
    return workers;
  }

  /** @param {ChildRpc[]} workers */
  constructor(workers) {
    this.#workers = workers;
  }

  /**
   * @template T
   * @param {(worker: ChildRpc, index: number) => Promise<T>} call
   */
  all(call) {
    return Promise.all(this.#workers.map(call));
  }

  /** The first worker (for one-off measurements). */
  get first() {
    return /** @type {ChildRpc} */ (this.#workers[0]);
  }

  /**
   * Starts a wait on every bill, dealt round-robin to the workers; answers once every one has started
   * (a poller: once its first poll is answered), or after `maxWaitMs`. A bill with `auth` is waited for as its
   * player's game would: with its player token and its bill token in the journal.
   * @param {import('./bench-server.mjs').BenchBill[]} bills
   * @param {number} [maxWaitMs]
   * @param {number} [waitSeconds] how long the server may hold each request (the SDK's default, 25)
   */
  async open(bills, maxWaitMs = 60_000, waitSeconds = 25) {
    const n = this.#workers.length;
    const waits = bills.map((b) => (b.auth ? { id: b.id, auth: b.auth } : { id: b.id }));
    await this.all((w, i) => w.call('open', { waits: waits.filter((_, j) => j % n === i), maxWaitMs, waitSeconds }));
  }

  /**
   * Waits until `expected` waits ended (resolved or failed) or `timeoutMs` passed.
   * @returns {Promise<{ resolved: number, failed: number, pollErrors: number, failures: string[] }>}
   */
  async settled(/** @type {number} */ expected, /** @type {number} */ timeoutMs) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const parts = await this.all((w) => w.call('progress'));
      const total = { resolved: 0, failed: 0, pollErrors: 0, failures: /** @type {string[]} */ ([]) };
      for (const p of parts) {
        total.resolved += p.resolved;
        total.failed += p.failed;
        total.pollErrors += p.pollErrors;
        total.failures.push(...p.failures);
      }
      if (total.resolved + total.failed >= expected || Date.now() > deadline) return total;
      await sleep(100);
    }
  }

  /** CPU time used so far by all workers, ms. */
  async cpuMs() {
    return (await this.all((w) => w.call('cpu'))).reduce((a, b) => a + b, 0);
  }

  /** t1 per bill, over every worker. */
  async resolvedAt() {
    /** @type {Map<string, number>} */
    const at = new Map();
    for (const part of await this.all((w) => w.call('collect'))) for (const [id, t1] of part) at.set(id, t1);
    return at;
  }

  stop() {
    return this.all((w) => w.stop());
  }
}
