// @ts-check
import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { paths } from './build-snapshot.mjs';
import { track } from './child-registry.mjs';

/** The sandbox secret the harness gives the server, so it can sign notifications as the channel's server. */
export const SANDBOX_SECRET = 'faults-sandbox-secret-0123456789';

/** The price list of every fault case (one item: 99 cents). */
export const CATALOG = { 'coins-100': { amount: 99, currency: 'USD' } };

/**
 * @typedef {object} ServerProcess
 * @property {string} url the server's base URL (stable across restarts: the port is kept)
 * @property {number} port
 * @property {string} dataDir
 * @property {() => boolean} running
 * @property {() => Promise<void>} kill SIGKILL, then wait for the exit
 * @property {(options?: { clockSkewMs?: number }) => Promise<void>} restart start again on the same port, data dir,
 *   key file and secret — with its clock that far ahead, to play an outage that long
 * @property {() => Promise<void>} stop SIGTERM (a clean stop), then wait for the exit
 * @property {() => string} log everything the process printed so far
 */

/**
 * @typedef {object} ServerProcessOptions
 * @property {Record<string, unknown>} [config] a configuration file to start with (`--config`); the flags for port,
 *   data dir, key file, catalog and `--dev` still override it
 * @property {Record<string, string>} [env] more environment (secrets the configuration names with `{ "env" }`)
 */

/**
 * Start the built `coinslot-server` CLI ({@link paths}) as a child process on loopback with a durable SQLite data dir in `dir`.
 * @param {string} dir a fresh folder for this server's data, key and catalog
 * @param {ServerProcessOptions} [options]
 * @returns {Promise<ServerProcess>}
 */
export async function startServerProcess(dir, options = {}) {
  const dataDir = path.join(dir, 'data');
  const keyFile = path.join(dir, 'server-key.json');
  const catalog = path.join(dir, 'catalog.json');
  await mkdir(dir, { recursive: true });
  await writeFile(catalog, JSON.stringify(CATALOG));
  const configFile = path.join(dir, 'coinslot.config.json');
  if (options.config) await writeFile(configFile, JSON.stringify(options.config, null, 2));
  let output = '';
  /** @type {import('node:child_process').ChildProcess | undefined} */
  let child;
  let port = 0;

  const launch = async ({ clockSkewMs = 0 } = {}) => {
    const clock = clockSkewMs === 0 ? [] : ['--import', paths.clock];
    // The sandbox secret goes in the environment, never on the command line (where `ps` shows it).
    const env = {
      ...process.env,
      FAULTS_CLOCK_SKEW_MS: String(clockSkewMs),
      COINSLOT_SANDBOX_SECRET: SANDBOX_SECRET,
      ...options.env,
    };
    const args = [
      ...clock,
      paths.serverCli,
      ...(options.config ? ['--config', configFile] : []),
      '--port',
      String(port),
      '--data-dir',
      dataDir,
      '--key-file',
      keyFile,
    ];
    args.push('--catalog', catalog, '--dev');
    for (let attempt = 0; ; attempt += 1) {
      const started = track(spawn(process.execPath, args, { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] }));
      const url = await new Promise((resolve) => {
        let seen = '';
        const onData = (/** @type {Buffer} */ chunk) => {
          seen += chunk.toString('utf8');
          output += chunk.toString('utf8');
          const match = /listening on (http:\/\/[^\s]+)/.exec(seen);
          if (match) resolve(match[1]);
        };
        started.stdout?.on('data', onData);
        started.stderr?.on('data', (chunk) => (output += chunk.toString('utf8')));
        started.once('exit', () => resolve(undefined));
      });
      if (typeof url === 'string') {
        child = started;
        port = Number(new URL(url).port);
        return;
      }
      // A restart can race the kernel releasing the port; anything else is a real failure.
      if (attempt >= 20 || !/EADDRINUSE/.test(output)) throw new Error(`coinslot-server did not start:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
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
    get port() {
      return port;
    },
    dataDir,
    running: () => child !== undefined && child.exitCode === null && child.signalCode === null,
    kill: () => exited('SIGKILL'),
    restart: launch,
    stop: () => exited('SIGTERM'),
    log: () => output,
  };
}
