// @ts-check
import { spawn } from 'node:child_process';
import { connect, createServer } from 'node:net';
import { track } from '../lib/child-registry.mjs';

/**
 * The PostgreSQL the scale-out rows use: `$COINSLOT_FAULTS_DATABASE_URL`, else the tests' database
 * (`node scripts/prepare-test-machine.mjs --with postgres,redis` makes it). Each row works in a schema of its own.
 */
export const DATABASE_URL =
  process.env.COINSLOT_FAULTS_DATABASE_URL ?? 'postgres://coinslot_test:coinslot_test@127.0.0.1:5432/test';

/**
 * Runs one statement on the database.
 * @param {string} sql @param {unknown[]} [values]
 * @returns {Promise<any[]>}
 */
export async function query(sql, values = []) {
  // A computed specifier: pg ships no types of its own (the server types the part it uses).
  const specifier = 'pg';
  const { default: pg } = await import(specifier);
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    return (await client.query(sql, values)).rows;
  } finally {
    await client.end();
  }
}

/** A free loopback port. @returns {Promise<number>} */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}

/** Whether a Redis answers PING on 127.0.0.1:`port`. @param {number} port */
function answersPing(port) {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    const done = (/** @type {boolean} */ ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(300, () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (chunk) => done(chunk.toString().startsWith('+PONG')));
    socket.once('error', () => done(false));
  });
}

/**
 * A redis-server of the row's own on a free loopback port, saving nothing, which the row may stop and start again
 * (never the machine's shared Redis).
 */
export class OwnRedis {
  /** @type {import('node:child_process').ChildProcess | undefined} */
  #child;

  /** @param {number} port */
  constructor(port) {
    this.port = port;
    this.url = `redis://127.0.0.1:${port}`;
  }

  static async start() {
    const redis = new OwnRedis(await freePort());
    await redis.restart();
    return redis;
  }

  async restart() {
    const args = ['--bind', '127.0.0.1', '--port', String(this.port), '--save', '', '--appendonly', 'no'];
    const child = track(spawn('redis-server', args, { stdio: 'ignore' }));
    child.once('error', () => undefined);
    this.#child = child;
    const deadline = Date.now() + 10_000;
    while (!(await answersPing(this.port))) {
      if (child.exitCode !== null || Date.now() > deadline)
        throw new Error(
          `redis-server did not start on ${this.port}: run \`node scripts/prepare-test-machine.mjs --with redis\``,
        );
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** SIGKILL: every connection drops, as in a crash. */
  async stop() {
    const child = this.#child;
    this.#child = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await gone;
  }
}
