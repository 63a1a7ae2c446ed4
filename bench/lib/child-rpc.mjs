// @ts-check
import { spawn } from 'node:child_process';

/** Open files wanted by a child: one socket per held wait, and then some. */
const FD_WANTED = 65_536;

/** The environment variable a child's secrets travel in (JSON): never on its command line, where `ps` shows them. */
const SECRETS_VARIABLE = 'COINSLOT_BENCH_SECRETS';

/**
 * The secrets the parent gave this child process ({@link ChildRpc}'s `secrets`), `{}` without any.
 * @returns {Record<string, string>}
 */
export function childSecrets() {
  const text = process.env[SECRETS_VARIABLE];
  return text ? JSON.parse(text) : {};
}

/**
 * A bench process (server or client worker) started under `bash -c 'ulimit -n …; exec node …'`, so it gets
 * the highest open-file limit the hard limit allows, talked to over IPC with request/answer calls.
 */
export class ChildRpc {
  /** @type {Map<number, { resolve: (v: any) => void, reject: (e: Error) => void }>} */
  #pending = new Map();
  #next = 0;
  /** @type {import('node:child_process').ChildProcess} */
  #child;
  /** @type {Promise<void>} */
  exited;
  /** @type {string | undefined} why the child is gone, once it is */
  #gone;

  /**
   * @param {string} script absolute path of the child's module
   * @param {string[]} args
   * @param {string[]} nodeArgs e.g. `--expose-gc`
   * @param {Record<string, string>} [secrets] keys, secrets and credentials the child reads with
   *   {@link childSecrets}: in its environment, never in `args`
   */
  constructor(script, args = [], nodeArgs = [], secrets = undefined) {
    const raise = `ulimit -n ${FD_WANTED} 2>/dev/null || ulimit -n "$(ulimit -Hn)"; exec "$0" "$@"`;
    this.#child = spawn('bash', ['-c', raise, process.execPath, ...nodeArgs, script, ...args], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      env: secrets ? { ...process.env, [SECRETS_VARIABLE]: JSON.stringify(secrets) } : process.env,
    });
    this.#child.on('message', (/** @type {any} */ message) => {
      const waiter = this.#pending.get(message.id);
      if (!waiter) return;
      this.#pending.delete(message.id);
      if (message.error !== undefined) waiter.reject(new Error(`${script}: ${message.error}`));
      else waiter.resolve(message.result);
    });
    this.exited = new Promise((resolve) => {
      this.#child.once('exit', (code, signal) => {
        this.#gone = `${script} exited (${code ?? signal})`;
        for (const waiter of this.#pending.values()) waiter.reject(new Error(this.#gone));
        this.#pending.clear();
        resolve();
      });
    });
  }

  /**
   * Calls `op` in the child and answers its result.
   * @param {string} op
   * @param {unknown} [arg]
   * @returns {Promise<any>}
   */
  call(op, arg) {
    const id = (this.#next += 1);
    return new Promise((resolve, reject) => {
      // A child that died (e.g. at start, its import failing while another build rewrote dist/) fails the call
      // rather than leave the bench waiting for ever.
      if (this.#gone !== undefined) return reject(new Error(this.#gone));
      this.#pending.set(id, { resolve, reject });
      this.#child.send({ id, op, arg }, (error) => {
        if (!error || !this.#pending.delete(id)) return;
        reject(new Error(`${op}: ${this.#gone ?? error.message}`));
      });
    });
  }

  /** Ends the child: asks it to exit, then kills it if it has not within a second. */
  async stop() {
    if (this.#child.exitCode !== null || this.#child.signalCode !== null) return;
    this.#child.send({ id: 0, op: 'exit' }, () => undefined);
    const timer = setTimeout(() => this.#child.kill('SIGKILL'), 1000);
    await this.exited;
    clearTimeout(timer);
  }
}

/**
 * The child's side: answers calls with `handlers[op](arg)`; `cpu` answers the CPU time used so far (ms);
 * `exit` ends the process at once (held sockets and all — the bench needs no graceful close).
 * @param {Record<string, (arg: any) => unknown>} handlers
 */
export function serveRpc(handlers) {
  process.on('message', async (/** @type {any} */ { id, op, arg }) => {
    if (op === 'exit') process.exit(0); // process.exit() still writes --cpu-prof output
    try {
      if (op === 'cpu') {
        const { user, system } = process.cpuUsage();
        process.send?.({ id, result: (user + system) / 1000 });
        return;
      }
      const handler = handlers[op];
      if (!handler) throw new Error(`no op ${op}`);
      const result = await handler(arg);
      process.send?.({ id, result });
    } catch (error) {
      process.send?.({ id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    }
  });
  process.on('disconnect', () => process.exit(0));
}
