import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer, connect } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * The Redis the tests use: `$COINSLOT_TEST_REDIS_URL`, else the one `node scripts/prepare-test-machine.mjs --with
 * redis` (run first by `npm test`) keeps on 127.0.0.1:6379 — or on 6380 when 6379 is taken by something that is not
 * Redis (scripts/lib/test-machine.mjs, REDIS_TEST). Tests share it through a key prefix of their own; none stores a key.
 */
const CANDIDATES = process.env.COINSLOT_TEST_REDIS_URL
  ? [process.env.COINSLOT_TEST_REDIS_URL]
  : ['redis://127.0.0.1:6379', 'redis://127.0.0.1:6380'];

const WHAT_TO_DO =
  'the Redis tests need a Redis server: run `node scripts/prepare-test-machine.mjs --with redis` (npm test does), ' +
  'or set COINSLOT_TEST_REDIS_URL';

/** Whether a Redis answers `PING` at `url` (plain TCP, no client library). */
export function answersPing(url: string, timeoutMs = 1000): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port || 6379) });
    let reply = '';
    const done = (ok: boolean) => {
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

let found: Promise<string> | undefined;

/** The test Redis's URL; fails with what to do when none answers. */
export function testRedisUrl(): Promise<string> {
  found ??= (async () => {
    for (const url of CANDIDATES) if (await answersPing(url)) return url;
    throw new Error(`${WHAT_TO_DO} (nothing answered PING at ${CANDIDATES.join(' or ')})`);
  })();
  return found;
}

/** A key prefix of this test's own. */
export function freshRedisPrefix(): string {
  return `coinslot_test_${randomBytes(6).toString('hex')}:`;
}

/** A free loopback port (closed again at once). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * A redis-server this test started on a port of its own, so it may stop and restart it (never the machine's shared
 * Redis): nothing on disk, bound to loopback, ended with the test.
 */
export class OwnRedis {
  #child: ChildProcess | undefined;

  private constructor(readonly port: number) {}

  /** Starts redis-server on a free port and waits until it answers. */
  static async start(): Promise<OwnRedis> {
    const redis = new OwnRedis(await freePort());
    await redis.restart();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Starts it again on the same port (after {@link stop}). */
  async restart(): Promise<void> {
    const child = spawn(
      'redis-server',
      ['--bind', '127.0.0.1', '--port', String(this.port), '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    child.once('error', () => undefined);
    this.#child = child;
    const deadline = Date.now() + 10_000;
    while (!(await answersPing(this.url, 200))) {
      if (child.exitCode !== null || Date.now() > deadline)
        throw new Error(`redis-server did not start on port ${this.port}: is redis-server installed? ${WHAT_TO_DO}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Kills it (SIGKILL: connections drop as in a crash) and waits until it is gone. */
  async stop(): Promise<void> {
    const child = this.#child;
    this.#child = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  }
}
