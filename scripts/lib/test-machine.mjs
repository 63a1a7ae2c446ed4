// @ts-check
/**
 * What the test suite needs from the machine, brought from Debian's packages when missing: Chromium always; a
 * PostgreSQL cluster and a Redis server when asked (on loopback, nothing of Redis on disk). Each step says in one
 * line what it does, and fails with what to do when it cannot; nothing is ever skipped.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { connect } from 'node:net';
import { CHROMIUM_PATH } from './chromium.mjs';

/**
 * Runs a command with inherited output; returns its exit status (null when it could not start).
 * @typedef {(command: string, args: string[]) => number | null} Run
 */

/**
 * @typedef {object} Machine what the steps touch, replaceable in tests
 * @property {Run} run
 * @property {(path: string) => boolean} exists
 * @property {(dir: string) => string[]} list the names in a folder (none when it is missing)
 * @property {(port: number) => Promise<boolean>} listening
 * @property {boolean} root whether we run as root (else apt-get and pg_ctlcluster go through sudo)
 * @property {(line: string) => void} log
 */

/** @type {Run} */
const runInherited = (command, args) => spawnSync(command, args, { stdio: 'inherit' }).status;

/** @type {Machine} */
export const thisMachine = {
  run: runInherited,
  exists: existsSync,
  list: (dir) => (existsSync(dir) ? readdirSync(dir) : []),
  listening: (port) => isListening(port),
  root: process.getuid?.() === 0,
  log: (line) => console.log(line),
};

/** A step that could not bring what the tests need; `message` says what to do. */
export class MachineNotReady extends Error {
  name = 'MachineNotReady';
}

/**
 * Whether something accepts TCP connections on 127.0.0.1:`port`.
 * @param {number} port
 * @param {number} [timeoutMs]
 * @returns {Promise<boolean>}
 */
export function isListening(port, timeoutMs = 1000) {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    const done = (/** @type {boolean} */ ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true)).once('error', () => done(false));
  });
}

/**
 * Runs `command` as root: directly when we are root, else through sudo.
 * @param {Machine} machine
 * @param {string} command
 * @param {string[]} args
 */
function asRoot(machine, command, args) {
  return machine.root ? machine.run(command, args) : machine.run('sudo', [command, ...args]);
}

/**
 * `apt-get install` Debian packages (update first: a fresh machine has no package lists), as root or with sudo.
 * @param {Machine} machine
 * @param {string[]} packages
 * @param {string} what the tests need them for, for the error
 */
export function aptInstall(machine, packages, what) {
  if (!machine.root && !machine.exists('/usr/bin/sudo')) {
    throw new MachineNotReady(
      `${what} needs ${packages.join(' ')}, and without root or sudo it cannot be installed: run as root \`apt-get install -y ${packages.join(' ')}\`, then npm test again.`,
    );
  }
  // Wait for another apt-get (an install already running) instead of failing on its lock.
  const lock = ['-o', 'DPkg::Lock::Timeout=600'];
  const apt = (/** @type {string[]} */ args) =>
    asRoot(machine, 'env', ['DEBIAN_FRONTEND=noninteractive', 'apt-get', ...lock, ...args]);
  const status =
    apt(['update']) === 0 ? apt(['install', '-y', '--no-install-recommends', ...packages]) : 'update failed';
  if (status !== 0) {
    throw new MachineNotReady(
      `${what}: \`apt-get install ${packages.join(' ')}\` failed (${status === null ? 'could not run apt-get' : `exit ${status}`}). Install it yourself (\`sudo apt-get install -y ${packages.join(' ')}\`), then npm test again.`,
    );
  }
}

/**
 * Debian's Chromium at the path the browser tests use (scripts/lib/chromium.mjs); installed when missing.
 * @param {Machine} [machine]
 */
export function ensureChromium(machine = thisMachine) {
  if (machine.exists(CHROMIUM_PATH)) return;
  machine.log(
    `prepare: no ${CHROMIUM_PATH}, installing Debian's chromium for the browser tests (apt-get install chromium, about 2 minutes once)`,
  );
  aptInstall(machine, ['chromium'], 'The browser tests');
  if (!machine.exists(CHROMIUM_PATH))
    throw new MachineNotReady(
      `chromium was installed but ${CHROMIUM_PATH} is still missing: check \`dpkg -L chromium\`.`,
    );
}

/**
 * A PostgreSQL cluster on 127.0.0.1:`port`: the `postgresql` package when missing, its `main` cluster started.
 * @param {{ port?: number, machine?: Machine, waitMs?: number }} [options] `waitMs`: how long a started server may take to listen
 */
export async function ensurePostgres({ waitMs = 15_000, port = 5432, machine = thisMachine } = {}) {
  if (await machine.listening(port)) return;
  if (!machine.exists('/usr/bin/pg_ctlcluster')) {
    machine.log("prepare: installing Debian's postgresql for the PostgreSQL tests (apt-get install postgresql)");
    aptInstall(machine, ['postgresql'], 'The PostgreSQL tests');
  }
  const version = postgresVersion(machine);
  machine.log(`prepare: starting PostgreSQL ${version} (pg_ctlcluster ${version} main start)`);
  const status = asRoot(machine, 'pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'start']);
  if (status !== 0 || !(await waitForPort(machine, port, waitMs))) {
    throw new MachineNotReady(
      `PostgreSQL ${version} did not start on 127.0.0.1:${port}: try \`sudo pg_ctlcluster --skip-systemctl-redirect ${version} main start\` and read /var/log/postgresql/.`,
    );
  }
}

/**
 * A Redis server on 127.0.0.1:`port`: the `redis-server` package when missing, a daemon started that keeps
 * nothing on disk.
 * @param {{ port?: number, machine?: Machine, waitMs?: number }} [options] `waitMs`: how long a started server may take to listen
 */
export async function ensureRedis({ waitMs = 15_000, port = 6379, machine = thisMachine } = {}) {
  if (await machine.listening(port)) return;
  if (!machine.exists('/usr/bin/redis-server')) {
    machine.log("prepare: installing Debian's redis-server for the Redis tests (apt-get install redis-server)");
    aptInstall(machine, ['redis-server'], 'The Redis tests');
  }
  machine.log(`prepare: starting redis-server on 127.0.0.1:${port} (nothing saved to disk)`);
  const status = machine.run('redis-server', [
    '--daemonize',
    'yes',
    '--bind',
    '127.0.0.1',
    '--port',
    String(port),
    '--save',
    '',
    '--appendonly',
    'no',
  ]);
  if (status !== 0 || !(await waitForPort(machine, port, waitMs))) {
    throw new MachineNotReady(
      `redis-server did not start on 127.0.0.1:${port}: run \`redis-server --bind 127.0.0.1 --port ${port}\` to see why.`,
    );
  }
}

/**
 * The newest installed PostgreSQL major version (its folder in /etc/postgresql).
 * @param {Machine} machine
 */
function postgresVersion(machine) {
  const versions = machine.list('/etc/postgresql').filter((name) => /^\d+$/.test(name));
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (!newest)
    throw new MachineNotReady(
      'postgresql is installed but has no cluster in /etc/postgresql: run `sudo pg_createcluster 15 main`.',
    );
  return newest;
}

/**
 * @param {Machine} machine
 * @param {number} port
 * @param {number} timeoutMs
 */
async function waitForPort(machine, port, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await machine.listening(port)) return true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return false;
}
