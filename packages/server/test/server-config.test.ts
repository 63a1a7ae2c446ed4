import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildStartOptions } from '../src/config/build-start-options.js';
import type { ChannelRegistry } from '../src/config/driver-registry.js';
import { parseConfig } from '../src/config/parse-config.js';
import { createSandboxDriver, startPayServer, type ChannelDriver, type RunningPayServer } from '../src/index.js';
import { randomKey } from './helpers.js';

const dirs: string[] = [];
const servers: RunningPayServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});
const tempDir = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'coinslot-config-'));
  dirs.push(dir);
  return dir;
};

const SERVER_KEY = `csk_${'p'.repeat(40)}`;

/** A registry with one production channel, built on the sandbox's driver under another id (tests only). */
const registry: ChannelRegistry = {
  real: {
    description: 'a real channel (test double)',
    production: true,
    create: async () => ({ ...createSandboxDriver(), id: 'real' }) as ChannelDriver,
  },
};

const production = (dir: string, change: Record<string, unknown> = {}) => ({
  publicUrl: 'https://pay.example.com',
  port: 0,
  dataDir: join(dir, 'data'),
  keyFile: join(dir, 'server-key.json'),
  catalog: { gem: { amount: 499, currency: 'USD' } },
  auth: { serverKeys: [{ file: 'server.key' }], deliveredBy: 'server' },
  corsOrigins: ['https://game.example'],
  channels: { real: {} },
  ...change,
});

/** `POST /v1/bills` over node:http, which sends the Host header it is given (fetch does not). */
function createWithHost(url: string, host: string, body: unknown): Promise<{ status: number; body: any }> {
  const json = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(`${url}/v1/bills`, {
      method: 'POST',
      headers: {
        host,
        'content-type': 'application/json',
        'idempotency-key': randomKey(),
        authorization: `Bearer ${SERVER_KEY}`,
      },
    });
    req.on('response', (res) => {
      let text = '';
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text) }));
    });
    req.on('error', reject);
    req.end(json);
  });
}

async function build(raw: unknown, dir: string, env: Record<string, string> = {}) {
  return buildStartOptions(await parseConfig(raw, dir), { env, registry });
}

describe('the server configuration', () => {
  it('a complete production config starts, and launch URLs come from publicUrl, never the Host header', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'server.key'), `${SERVER_KEY}\n`, { mode: 0o600 });
    const plan = await build(production(dir), dir);
    expect(plan.banners).toEqual([]);
    const server = await startPayServer(plan.options);
    servers.push(server);
    const created = await createWithHost(server.url, 'evil.example', {
      userId: 'p1',
      itemId: 'gem',
      quantity: 2,
      currency: 'USD',
      channel: 'real',
    });
    expect(created.status).toBe(201);
    expect(created.body.bill.amount).toBe(998);
    expect(created.body.launch.checkoutUrl).toMatch(/^https:\/\/pay\.example\.com\/v1\//);
  });

  it('reads a server key from the environment', async () => {
    const dir = await tempDir();
    const plan = await build(production(dir, { auth: { serverKeys: [{ env: 'MY_KEY' }] } }), dir, {
      MY_KEY: SERVER_KEY,
    });
    expect(plan.options.auth.serverKeys).toEqual([SERVER_KEY]);
  });

  it('refuses a server key file other users can read', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'server.key'), SERVER_KEY);
    await chmod(join(dir, 'server.key'), 0o644);
    await expect(build(production(dir), dir)).rejects.toThrow(/auth\.serverKeys\[0\]\.file: .*mode 0644.*chmod 600/);
  });

  it('refuses a channel neither built in nor installed, naming it, the built-in ones and the package to install', async () => {
    const dir = await tempDir();
    await expect(build({ mode: 'development', channels: { nonexistent: {} } }, dir)).rejects.toThrow(
      /channels\.nonexistent: no built-in channel "nonexistent" \(built in: real\), .*`npm install @coinslot\/channel-nonexistent`/,
    );
  });

  it('refuses an http jwksUrl in production', async () => {
    const dir = await tempDir();
    const auth = { playerTokens: { issuer: 'game', audience: 'pay', jwksUrl: 'http://game.example/jwks' } };
    await expect(build(production(dir, { auth }), dir)).rejects.toThrow(/auth\.playerTokens\.jwksUrl: must be https/);
  });

  it('refuses a publicKeys JWKS that holds a private key', async () => {
    const dir = await tempDir();
    const auth = {
      playerTokens: { issuer: 'game', audience: 'pay', publicKeys: { keys: [{ kty: 'EC', d: 'secret' }] } },
    };
    await expect(parseConfig(production(dir, { auth }), dir)).rejects.toThrow(
      /auth\.playerTokens\.publicKeys: holds a private key/,
    );
  });

  it('takes the limits createPayServer takes, and refuses an unknown or bad one naming it', async () => {
    const dir = await tempDir();
    const limits = { openBillsPerPlayer: 5, create: { perIdentity: { burst: 3, perMinute: 6 } }, retentionDays: 90 };
    expect((await parseConfig({ limits }, dir)).limits).toEqual(limits);
    await expect(parseConfig({ limits: { createPerMinute: 10 } }, dir)).rejects.toThrow(
      /limits\.createPerMinute: is not a limit/,
    );
    await expect(parseConfig({ limits: { retentionDays: 0 } }, dir)).rejects.toThrow(/limits\.retentionDays: /);
    await expect(parseConfig({ limits: { rateLimitStore: {} } }, dir)).rejects.toThrow(
      /limits\.rateLimitStore: is not a limit/,
    );
  });

  it('passes the query fallback settings to the server, and refuses an unknown or bad one naming it', async () => {
    const dir = await tempDir();
    const query = { checkpointsMs: [60_000, 240_000], afterExpiryMs: false, concurrency: 2, timeoutMs: 5000 };
    const config = await parseConfig({ mode: 'development', query }, dir);
    expect(config.query).toEqual(query);
    expect((await buildStartOptions(config, { env: {} })).options.query).toEqual(query);
    await expect(parseConfig({ query: { every: 10 } }, dir)).rejects.toThrow(/query\.every: is not a setting here/);
    await expect(parseConfig({ query: { checkpointsMs: [60_000, -1] } }, dir)).rejects.toThrow(
      /query\.checkpointsMs\[1\]: /,
    );
    await expect(parseConfig({ query: { concurrency: 0 } }, dir)).rejects.toThrow(/query\.concurrency: /);
  });

  it('passes the activity log settings to the server, and refuses an unknown or bad one naming it', async () => {
    const dir = await tempDir();
    const activity = { instanceId: 'pay-eu-1', retentionDays: 30, flushIntervalMs: 500 };
    const config = await parseConfig({ mode: 'development', activity }, dir);
    expect(config.activity).toEqual(activity);
    expect((await buildStartOptions(config, { env: {} })).options.activity).toEqual(activity);
    await expect(parseConfig({ activity: { keepDays: 10 } }, dir)).rejects.toThrow(
      /activity\.keepDays: is not a setting here/,
    );
    await expect(parseConfig({ activity: { retentionDays: 0 } }, dir)).rejects.toThrow(/activity\.retentionDays: /);
    await expect(parseConfig({ activity: { instanceId: 'has spaces' } }, dir)).rejects.toThrow(
      /activity\.instanceId: /,
    );
  });

  it('reads a catalog path relative to the config file and names a bad price', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'prices.json'), JSON.stringify({ gem: { amount: 4.99, currency: 'USD' } }));
    await expect(parseConfig({ catalog: 'prices.json' }, dir)).rejects.toThrow(
      /catalog \(.*prices\.json\)\.gem\.amount: must be an integer/,
    );
  });

  it('development mode defaults to the sandbox, development auth and CORS *', async () => {
    const dir = await tempDir();
    const plan = await buildStartOptions(
      await parseConfig({ mode: 'development', store: 'memory', keyFile: join(dir, 'k.json') }, dir),
      { env: {} },
    );
    expect(plan.options.drivers!.map((driver) => driver.id)).toEqual(['sandbox']);
    expect(plan.options.auth).toEqual({ development: true });
    expect(plan.options.corsOrigins).toBe('*');
    expect(plan.banners.join('\n')).toMatch(/DEVELOPMENT MODE[\s\S]*DEVELOPMENT AUTH/);
  });
});
