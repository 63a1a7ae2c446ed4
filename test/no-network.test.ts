// The tests' no-network guard (test/support/no-network, loaded by every Node project's setup) refuses connections
// off this machine at once, with an error naming the destination; records them so a test that swallows the error
// still fails; guards child Node processes; and leaves loopback open.
import { spawn } from 'node:child_process';
import dns, { lookup as namedLookup } from 'node:dns';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, get, type Server } from 'node:http';
import { createRequire } from 'node:module';
import net, { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tls from 'node:tls';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_NETWORK_LOG_ENV, takeRefusedAttempts } from './support/no-network/attempt-record.mjs';
import { NO_NETWORK_CODE } from './support/no-network/guard.mjs';
import { isLoopbackHost } from './support/no-network/loopback.mjs';

/** What the guard refused since the last call, as `via destination`; taking them keeps this file's afterAll quiet. */
const refused = () => takeRefusedAttempts().map((a) => `${a.via} ${a.destination}`);

const refusal = (destination: string) => `Coinslot tests must not reach ${destination}`;

/** The error a socket-like emitter reports first. */
const firstError = (emitter: NodeJS.EventEmitter) =>
  new Promise<NodeJS.ErrnoException>((resolve, reject) => {
    emitter.once('error', resolve);
    emitter.once('connect', () => reject(new Error('connected')));
  });

const timed = async <T>(work: () => Promise<T>) => {
  const started = performance.now();
  const value = await work();
  return { value, ms: performance.now() - started };
};

describe('refusing what would leave the machine', () => {
  it('fetch to TEST-NET-2 (198.51.100.1) fails at once with the refusal as its cause', async () => {
    const { value: error, ms } = await timed(() => fetch('http://198.51.100.1/').catch((e: Error) => e));
    expect(ms).toBeLessThan(1_000);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).cause).toMatchObject({ code: NO_NETWORK_CODE });
    expect(((error as Error).cause as Error).message).toContain(refusal('198.51.100.1:80'));
    expect(refused()).toEqual(['connect 198.51.100.1:80']);
  });

  it('fetch to https://api.stripe.com fails at once, before any DNS query', async () => {
    const { value: error, ms } = await timed(() => fetch('https://api.stripe.com/v1/charges').catch((e: Error) => e));
    expect(ms).toBeLessThan(1_000);
    expect(((error as Error).cause as Error).message).toContain(refusal('api.stripe.com:443'));
    expect(refused()).toEqual(['connect api.stripe.com:443']);
  });

  it('net.connect, net.createConnection, tls.connect and http.get report the refusal as their error', async () => {
    const errors = await Promise.all([
      firstError(net.connect(443, '198.51.100.1')),
      firstError(net.createConnection({ host: '2001:db8::1', port: 80 })),
      firstError(tls.connect({ host: 'api.stripe.com', port: 443 })),
      firstError(get('http://example.com/')),
    ]);
    expect(errors.map((e) => e.code)).toEqual(Array(4).fill(NO_NETWORK_CODE));
    expect(errors.map((e) => e.message.split(' (')[0])).toEqual([
      refusal('198.51.100.1:443'),
      refusal('[2001:db8::1]:80'),
      refusal('api.stripe.com:443'),
      refusal('example.com:80'),
    ]);
    expect(refused()).toEqual([
      'connect 198.51.100.1:443',
      'connect [2001:db8::1]:80',
      'connect api.stripe.com:443',
      'connect example.com:80',
    ]);
  });

  it('dns.lookup, its named import and dns.promises.lookup refuse an outside name', async () => {
    const viaCallback = (fn: typeof dns.lookup) =>
      new Promise<NodeJS.ErrnoException | null>((resolve) => fn('api.stripe.com', (error) => resolve(error)));
    expect((await viaCallback(dns.lookup))?.code).toBe(NO_NETWORK_CODE);
    expect((await viaCallback(namedLookup))?.code).toBe(NO_NETWORK_CODE);
    await expect(dns.promises.lookup('api.stripe.com')).rejects.toMatchObject({ code: NO_NETWORK_CODE });
    expect(refused()).toEqual([
      'dns.lookup api.stripe.com',
      'dns.lookup api.stripe.com',
      'dns.promises.lookup api.stripe.com',
    ]);
  });

  it('DNS queries (dns.resolve4, both Resolver classes) are refused, since they ask the DNS servers', async () => {
    const viaCallback = (resolve4: (name: string, cb: (e: NodeJS.ErrnoException | null) => void) => void) =>
      new Promise<NodeJS.ErrnoException | null>((done) => resolve4('api.stripe.com', (error) => done(error)));
    expect((await viaCallback(dns.resolve4))?.code).toBe(NO_NETWORK_CODE);
    const resolver = new dns.Resolver();
    expect((await viaCallback(resolver.resolve4.bind(resolver)))?.code).toBe(NO_NETWORK_CODE);
    await expect(new dns.promises.Resolver().resolveTxt('example.com')).rejects.toMatchObject({
      code: NO_NETWORK_CODE,
    });
    expect(refused()).toEqual([
      'dns.resolve4 api.stripe.com',
      'dns.Resolver.resolve4 api.stripe.com',
      'dns.promises.Resolver.resolveTxt example.com',
    ]);
  });
});

describe('what stays open', () => {
  let server: Server;
  let port: number;
  beforeAll(async () => {
    server = createServer((_request, response) => response.end('on this machine'));
    await new Promise<void>((resolve) => server.listen(0, '::', resolve)); // dual stack: 127.0.0.1 and ::1
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it.each(['127.0.0.1', '[::1]', 'localhost'])('fetch reaches a server on %s', async (host) => {
    const response = await fetch(`http://${host}:${port}/`);
    expect(await response.text()).toBe('on this machine');
    expect(refused()).toEqual([]);
  });

  it('a Unix socket is not a network destination', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'coinslot-no-network-'));
    const socketPath = join(dir, 'http.sock');
    const local = createServer((_request, response) => response.end('over a socket'));
    await new Promise<void>((resolve) => local.listen(socketPath, resolve));
    try {
      const body = await new Promise<string>((resolve, reject) => {
        get({ socketPath, path: '/' }, (response) => {
          response.setEncoding('utf8');
          let text = '';
          response.on('data', (chunk: string) => (text += chunk));
          response.on('end', () => resolve(text));
        }).on('error', reject);
      });
      expect(body).toBe('over a socket');
      expect(refused()).toEqual([]);
    } finally {
      await new Promise((resolve) => local.close(resolve));
      await rm(dir, { recursive: true, force: true });
    }
  });

  it.each([
    ['127.0.0.1', true],
    ['127.8.9.10', true],
    ['::1', true],
    ['[::1]', true],
    ['0:0:0:0:0:0:0:1', true],
    ['::ffff:127.0.0.1', true],
    ['0.0.0.0', true],
    ['LOCALHOST.', true],
    [undefined, true],
    ['198.51.100.1', false],
    ['::ffff:198.51.100.1', false],
    ['2001:db8::1', false],
    ['api.stripe.com', false],
    ['localhost.example.com', false],
    ['my.localhost', false],
  ] as const)('isLoopbackHost(%s) is %s', (host, expected) => {
    expect(isLoopbackHost(host)).toBe(expected);
  });
});

/** Run a command with this worker's environment; its exit code and output. */
const run = (command: string, args: string[], env: NodeJS.ProcessEnv = process.env) =>
  new Promise<{ code: number | null; output: string; pid: number | undefined }>((resolve) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => resolve({ code, output, pid: child.pid }));
  });

describe('beyond this test worker', () => {
  it('a child Node process is guarded and its swallowed attempt reaches this file’s record', async () => {
    const swallow = "fetch('https://api.stripe.com/').catch((e) => console.log('child saw:', e.cause.message))";
    const child = await run(process.execPath, ['-e', swallow]);
    expect(child.code).toBe(0);
    expect(child.output).toContain(`child saw: ${refusal('api.stripe.com:443')}`);
    expect(takeRefusedAttempts()).toEqual([
      { destination: 'api.stripe.com:443', via: 'connect', pid: child.pid, command: `-e ${swallow}` },
    ]);
  });

  it('a test that catches the refusal still fails its Vitest run', async () => {
    const vitest = join(createRequire(import.meta.url).resolve('vitest/package.json'), '..', 'vitest.mjs');
    const config = fileURLToPath(new URL('./support/no-network/planted/vitest.config.mjs', import.meta.url));
    // A run of its own: its workers keep their own log, and none of this worker's Vitest state.
    const env = Object.fromEntries(
      Object.entries(process.env).filter(([key]) => key !== NO_NETWORK_LOG_ENV && !key.startsWith('VITEST')),
    );
    const child = await run(process.execPath, [vitest, 'run', '--config', config, '--reporter=verbose'], {
      ...env,
      NO_COLOR: '1',
    });
    expect(child.output).toMatch(/✓ .*swallows the refusal of a connection to api\.stripe\.com/);
    expect(child.output).toContain('This test file tried to reach 1 destination(s) off this machine');
    expect(child.output).toContain('connect to api.stripe.com:443');
    expect(child.code).toBe(1);
    expect(refused()).toEqual([]);
  }, 60_000);
});
