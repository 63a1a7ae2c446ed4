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
 * Runs a command and returns its exit status and what it printed (stderr is inherited).
 * @typedef {(command: string, args: string[]) => { status: number | null, stdout: string }} Capture
 */

/**
 * @typedef {object} Machine what the steps touch, replaceable in tests
 * @property {Run} run
 * @property {Capture} capture
 * @property {(path: string) => boolean} exists
 * @property {(dir: string) => string[]} list the names in a folder (none when it is missing)
 * @property {(port: number) => Promise<boolean>} listening
 * @property {boolean} root whether we run as root (else apt-get and pg_ctlcluster go through sudo)
 * @property {(line: string) => void} log
 */

/** @type {Run} */
const runInherited = (command, args) => spawnSync(command, args, { stdio: 'inherit' }).status;

/** @type {Capture} */
const runCaptured = (command, args) => {
  const { status, stdout } = spawnSync(command, args, { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  return { status, stdout: stdout ?? '' };
};

/** @type {Machine} */
export const thisMachine = {
  run: runInherited,
  capture: runCaptured,
  exists: existsSync,
  list: (dir) => (existsSync(dir) ? readdirSync(dir) : []),
  listening: (port) => isListening(port),
  root: process.getuid?.() === 0,
  log: (line) => console.log(line),
};

/**
 * A service a step started because none was running — and only such a one: what {@link stopStarted} stops when
 * `npm test` ends (scripts/run-tests.mjs). A service the machine already had running is never recorded.
 * @typedef {{ service: 'postgres', version: string, port: number } | { service: 'redis', port: number }} StartedService
 */

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
 * The role and database the PostgreSQL tests connect as, over TCP with a password
 * (packages/server/test/postgres-test-database.ts): Debian's default `pg_hba.conf` asks a password on 127.0.0.1. The
 * role may only connect to that database and create schemas in it; each test works in a schema of its own.
 */
export const POSTGRES_TEST = { role: 'coinslot_test', password: 'coinslot_test', database: 'test' };

/**
 * A PostgreSQL cluster on 127.0.0.1:`port`: the `postgresql` package when missing, its `main` cluster started, and
 * the tests' role and database ({@link POSTGRES_TEST}) created when missing. With `$COINSLOT_TEST_DATABASE_URL` set the
 * tests use that database instead, and this does nothing. A cluster it started is added to `started`.
 * @param {{ port?: number, machine?: Machine, waitMs?: number, env?: Record<string, string | undefined>, started?: StartedService[] }} [options] `waitMs`: how long a started server may take to listen
 */
export async function ensurePostgres({
  waitMs = 15_000,
  port = 5432,
  machine = thisMachine,
  env = process.env,
  started = [],
} = {}) {
  if (env.COINSLOT_TEST_DATABASE_URL) return;
  if (!(await machine.listening(port))) await startPostgres(machine, port, waitMs, started);
  ensurePostgresTestDatabase(machine, port);
}

/**
 * @param {Machine} machine
 * @param {number} port
 * @param {number} waitMs
 * @param {StartedService[]} started where the cluster goes once its start command succeeded (even if it then never
 *   listens: it may still be coming up, and is ours to stop)
 */
async function startPostgres(machine, port, waitMs, started) {
  if (!machine.exists('/usr/bin/pg_ctlcluster')) {
    machine.log("prepare: installing Debian's postgresql for the PostgreSQL tests (apt-get install postgresql)");
    aptInstall(machine, ['postgresql'], 'The PostgreSQL tests');
  }
  const version = postgresVersion(machine);
  machine.log(`prepare: starting PostgreSQL ${version} (pg_ctlcluster ${version} main start)`);
  const status = asRoot(machine, 'pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'start']);
  if (status === 0) started.push({ service: 'postgres', version, port });
  if (status !== 0 || !(await waitForPort(machine, port, waitMs))) {
    throw new MachineNotReady(
      `PostgreSQL ${version} did not start on 127.0.0.1:${port}: try \`sudo pg_ctlcluster --skip-systemctl-redirect ${version} main start\` and read /var/log/postgresql/.`,
    );
  }
}

/**
 * Creates {@link POSTGRES_TEST}'s role and database when missing, as the `postgres` superuser over the local socket
 * (Debian's peer authentication), and lets the role connect and create schemas.
 * @param {Machine} machine
 * @param {number} port
 */
function ensurePostgresTestDatabase(machine, port) {
  const { role, password, database } = POSTGRES_TEST;
  const fix =
    `create them yourself as the postgres superuser: CREATE ROLE ${role} LOGIN PASSWORD '${password}'; ` +
    `CREATE DATABASE ${database}; GRANT CONNECT, CREATE ON DATABASE ${database} TO ${role}; ` +
    'or set COINSLOT_TEST_DATABASE_URL to a database where you may create schemas';
  if (!machine.root && !machine.exists('/usr/bin/sudo'))
    throw new MachineNotReady(`the PostgreSQL tests need the role ${role} and the database ${database}: ${fix}`);
  const count = (/** @type {string} */ table, /** @type {string} */ column, /** @type {string} */ name) =>
    `(SELECT count(*) FROM ${table} WHERE ${column} = '${name}')`;
  const asked = psqlAsPostgres(
    machine,
    port,
    `SELECT ${count('pg_roles', 'rolname', role)} || ',' || ${count('pg_database', 'datname', database)}`,
    true,
  );
  const [roles, databases] = asked.stdout.trim().split(',');
  if (asked.status !== 0 || databases === undefined)
    throw new MachineNotReady(`could not ask PostgreSQL (psql as postgres, exit ${asked.status}): ${fix}`);
  const missing = [];
  if (roles === '0') missing.push({ what: `role ${role}`, sql: `CREATE ROLE ${role} LOGIN PASSWORD '${password}'` });
  if (databases === '0') missing.push({ what: `database ${database}`, sql: `CREATE DATABASE ${database}` });
  if (missing.length > 0)
    machine.log(`prepare: creating the PostgreSQL tests' ${missing.map(({ what }) => what).join(' and ')}`);
  const grant = `GRANT CONNECT, CREATE ON DATABASE ${database} TO ${role}`;
  for (const sql of [...missing.map((step) => step.sql), grant]) {
    const { status } = psqlAsPostgres(machine, port, sql, false);
    if (status !== 0) throw new MachineNotReady(`\`${sql}\` failed (psql exit ${status}): ${fix}`);
  }
}

/**
 * Runs one statement with psql as the `postgres` superuser over the local socket (runuser as root, else sudo).
 * @param {Machine} machine
 * @param {number} port
 * @param {string} sql
 * @param {boolean} capture whether to return what it printed
 * @returns {{ status: number | null, stdout: string }}
 */
function psqlAsPostgres(machine, port, sql, capture) {
  const psql = ['psql', '-X', '-q', '-At', '-v', 'ON_ERROR_STOP=1', '-p', String(port), '-d', 'postgres', '-c', sql];
  const [command, args] = machine.root
    ? ['runuser', ['-u', 'postgres', '--', ...psql]]
    : ['sudo', ['-u', 'postgres', ...psql]];
  return capture ? machine.capture(command, args) : { status: machine.run(command, args), stdout: '' };
}

/**
 * Where the Redis tests look for Redis (packages/server/test/redis-test-service.ts tries the same two ports): the
 * usual port, or a port of their own when something that is not Redis holds it.
 */
export const REDIS_TEST = { port: 6379, fallbackPort: 6380 };

/**
 * Whether a Redis answers `PING` on 127.0.0.1:`port` (`+PONG`, or `-NOAUTH` from one that wants a password).
 * @param {number} port
 * @param {number} [timeoutMs]
 * @returns {Promise<boolean>}
 */
export function answersRedisPing(port, timeoutMs = 1000) {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    let reply = '';
    const done = (/** @type {boolean} */ ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString();
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG') || reply.startsWith('-NOAUTH'));
    });
    socket.once('error', () => done(false));
  });
}

/**
 * A Redis server for the tests: left alone when one already answers on 127.0.0.1:`port`; when the port is free, the
 * `redis-server` package (installed when missing) started there as a daemon on loopback that keeps nothing on disk;
 * when something that is not Redis holds the port, the same on `fallbackPort`. With `$COINSLOT_TEST_REDIS_URL` set
 * the tests use that Redis instead, and this does nothing. Returns the port the tests will find Redis on; a server it
 * started is added to `started`.
 * @param {{ port?: number, fallbackPort?: number, machine?: Machine & { isRedis?: (port: number) => Promise<boolean> }, waitMs?: number, env?: Record<string, string | undefined>, started?: StartedService[] }} [options] `waitMs`: how long a started server may take to listen; `machine.isRedis` defaults to a PING
 * @returns {Promise<number | undefined>}
 */
export async function ensureRedis({
  waitMs = 15_000,
  port = REDIS_TEST.port,
  fallbackPort = REDIS_TEST.fallbackPort,
  machine = thisMachine,
  env = process.env,
  started = [],
} = {}) {
  if (env.COINSLOT_TEST_REDIS_URL) return undefined;
  const isRedis = machine.isRedis ?? ((/** @type {number} */ at) => answersRedisPing(at));
  for (const candidate of [port, fallbackPort]) {
    if (!(await machine.listening(candidate))) {
      await startRedis(machine, candidate, waitMs, started);
      return candidate;
    }
    if (await isRedis(candidate)) return candidate;
    machine.log(`prepare: 127.0.0.1:${candidate} is taken by something that is not Redis`);
  }
  throw new MachineNotReady(
    `127.0.0.1:${port} and 127.0.0.1:${fallbackPort} are both taken by something that is not Redis: free one, or set COINSLOT_TEST_REDIS_URL to a Redis the tests may use.`,
  );
}

/**
 * `redis-server` (the package installed when missing) started as a daemon on 127.0.0.1:`port`, saving nothing.
 * @param {Machine} machine
 * @param {number} port
 * @param {number} waitMs
 * @param {StartedService[]} started where the server goes once its start command succeeded
 */
async function startRedis(machine, port, waitMs, started) {
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
  if (status === 0) started.push({ service: 'redis', port });
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

/**
 * Stops the services in `started` — those the steps above started, never one the machine already had — newest first:
 * a PostgreSQL cluster with `pg_ctlcluster … stop` (as root or with sudo, as it was started), a Redis with
 * `redis-cli SHUTDOWN NOSAVE`. Every one is tried even when one fails; returns the ones that would not stop.
 * @param {StartedService[]} started
 * @param {Machine} [machine]
 * @returns {StartedService[]}
 */
export function stopStarted(started, machine = thisMachine) {
  const failed = [];
  for (const service of [...started].reverse()) {
    let status;
    if (service.service === 'postgres') {
      machine.log(`test: stopping PostgreSQL ${service.version}, which npm test started`);
      status = asRoot(machine, 'pg_ctlcluster', ['--skip-systemctl-redirect', service.version, 'main', 'stop']);
    } else {
      machine.log(`test: stopping the redis-server on 127.0.0.1:${service.port}, which npm test started`);
      status = machine.run('redis-cli', ['-h', '127.0.0.1', '-p', String(service.port), 'shutdown', 'nosave']);
    }
    if (status !== 0) {
      machine.log(`test: it did not stop (exit ${status}): stop it yourself`);
      failed.push(service);
    }
  }
  return failed;
}
