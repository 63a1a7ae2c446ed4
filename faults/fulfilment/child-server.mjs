// @ts-check
import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { paths } from '../lib/build-snapshot.mjs';
import { track } from '../lib/child-registry.mjs';
import { sleep } from '../lib/random.mjs';

const CHILD = fileURLToPath(new URL('./pay-server-child.mjs', import.meta.url));

/**
 * @typedef {object} ChildServer
 * @property {string} url stable across restarts (the port is kept)
 * @property {() => Promise<void>} kill SIGKILL, then wait for the exit
 * @property {() => Promise<void>} restart start again on the same port and data dir, at the clock offset it had
 * @property {(offsetMs: number) => Promise<void>} setClock move the server's clock to real time + `offsetMs`
 * @property {() => Promise<import('@coinslot/server').EventStats>} stats `payServer.events.stats()` of this life
 * @property {() => Promise<void>} stop SIGTERM (a clean stop), then wait for the exit
 * @property {() => string} log what it printed
 */

/**
 * Start `pay-server-child.mjs` (the real server build on SQLite in `dir`) as a child process of the harness.
 * @param {string} dir
 * @param {import('./in-process-server.mjs').FulfilmentServerOptions} options
 * @returns {Promise<ChildServer>}
 */
export async function startChildServer(dir, options) {
  const dataDir = path.join(dir, 'data');
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const configFile = path.join(dir, 'server-config.json');
  const serverModule = path.join(path.dirname(paths.serverCli), 'index.js');
  let port = 0;
  let offset = 0;
  let output = '';
  /** @type {import('node:child_process').ChildProcess | undefined} */
  let child;
  let calls = 0;

  const launch = async () => {
    const config = { ...options, serverModule, dataDir, port, clockOffsetMs: offset };
    await writeFile(configFile, JSON.stringify(config), { mode: 0o600 });
    for (let attempt = 0; ; attempt += 1) {
      const started = track(spawn(process.execPath, [CHILD, configFile], { stdio: ['ignore', 'pipe', 'pipe', 'ipc'] }));
      const url = await new Promise((resolve) => {
        started.stdout?.on('data', (chunk) => {
          output += chunk.toString('utf8');
          const match = /listening on (http:\/\/\S+)/.exec(output.slice(output.lastIndexOf('listening on')));
          if (match) resolve(match[1]);
        });
        started.stderr?.on('data', (chunk) => (output += chunk.toString('utf8')));
        started.once('exit', () => resolve(undefined));
      });
      if (typeof url === 'string') {
        child = started;
        port = Number(new URL(url).port);
        return;
      }
      if (attempt >= 20 || !/EADDRINUSE/.test(output))
        throw new Error(`the pay server child did not start:\n${output}`);
      await sleep(100);
    }
  };

  /** @param {Record<string, unknown>} message @returns {Promise<any>} */
  const ask = (message) => {
    const current = child;
    if (!current) throw new Error('the pay server child is not running');
    const id = (calls += 1);
    return new Promise((resolve, reject) => {
      const onMessage = (/** @type {any} */ answer) => {
        if (answer?.id !== id) return;
        current.off('message', onMessage);
        resolve(answer.result);
      };
      current.on('message', onMessage);
      current.once('exit', () => reject(new Error('the pay server child exited')));
      current.send({ ...message, id });
    });
  };

  const exited = async (/** @type {NodeJS.Signals} */ signal) => {
    const current = child;
    if (!current || current.exitCode !== null || current.signalCode !== null) return;
    const done = new Promise((resolve) => current.once('exit', resolve));
    current.kill(signal);
    await done;
  };

  await launch();
  return {
    get url() {
      return `http://127.0.0.1:${port}`;
    },
    kill: () => exited('SIGKILL'),
    restart: launch,
    setClock: async (offsetMs) => {
      offset = offsetMs;
      await ask({ op: 'clock', offsetMs });
    },
    stats: () => ask({ op: 'stats' }),
    stop: () => exited('SIGTERM'),
    log: () => output,
  };
}
