// @ts-check
import { fork } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { paths } from '../lib/build-snapshot.mjs';
import { track } from '../lib/child-registry.mjs';

/**
 * @typedef {object} GameConfig
 * @property {string} server the pay server (or the fault proxy) the game talks to
 * @property {string} dir the game's folder: its journal, its own storage (the grant ledger) and its offer log
 * @property {number} waitSeconds how long the server may hold one wait
 * @property {number} deadlineMs a purchase's deadline
 * @property {import('./crash-point.mjs').CrashPoint} [crash] where each life of the process SIGKILLs itself
 * @property {number} [clockSkewMs] how far off the process's clock is
 */

/** @typedef {{ billId: string, userId: string, amount: number, currency: string }} Launch */

/**
 * One life of a game process: from its start to its exit or its SIGKILL.
 * @typedef {object} GameLife
 * @property {number} clockOffsetMs the game's Date.now() minus the harness's at start-up
 * @property {(order: Record<string, unknown>) => Promise<{ value?: any, error?: string } | 'killed'>} ask
 *   sends an order; answers its result, or `killed` when the process died first
 * @property {Promise<{ code: number | null, signal: NodeJS.Signals | null }>} exited
 * @property {() => Promise<void>} exit a clean exit
 */

/**
 * Start the game process on `config.dir` (created when missing). `onLaunch` hears every bill the game opens
 * its checkout for, before the game goes on.
 * @param {GameConfig} config
 * @param {(launch: Launch) => void} onLaunch
 * @returns {Promise<GameLife>}
 */
export async function startGame(config, onLaunch) {
  await mkdir(config.dir, { recursive: true });
  const env = {
    ...process.env,
    FAULTS_GAME: JSON.stringify(config),
    FAULTS_CLOCK_SKEW_MS: String(config.clockSkewMs ?? 0),
  };
  const child = track(fork(paths.gameMain, [], { env, stdio: ['ignore', 'inherit', 'pipe', 'ipc'] }));
  let stderr = '';
  child.stderr?.on('data', (chunk) => (stderr += chunk.toString('utf8')));
  /** @type {Map<number, (answer: any) => void>} */
  const waiting = new Map();
  let nextId = 0;
  const exited = new Promise((resolve) =>
    child.once('exit', (code, signal) => {
      for (const answer of waiting.values()) answer('killed');
      waiting.clear();
      resolve({ code, signal });
    }),
  );
  const readyAt = new Promise((resolve, reject) => {
    child.on('message', (/** @type {any} */ message) => {
      if (message.type === 'launched') onLaunch(message);
      else if (message.type === 'ready') resolve(message.now);
      else if (message.type === 'done') waiting.get(message.id)?.(message), waiting.delete(message.id);
    });
    void exited.then(() => reject(new Error(`the game process exited before it was ready:\n${stderr}`)));
  });
  const gameNow = /** @type {number} */ (await readyAt);
  return {
    clockOffsetMs: gameNow - Date.now(),
    exited: /** @type {GameLife['exited']} */ (exited),
    ask(order) {
      if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve('killed');
      const id = nextId++;
      return new Promise((resolve) => {
        waiting.set(id, resolve);
        child.send({ ...order, id }, (error) => error && (waiting.delete(id), resolve('killed')));
      });
    },
    async exit() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.send({ type: 'exit' });
      await exited;
    },
  };
}
