import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { buildStartOptions, type StartPlan } from '../src/config/build-start-options.js';
import { parseCliArgs } from '../src/config/cli-args.js';
import type { ChannelRegistry } from '../src/config/driver-registry.js';
import { parseConfig } from '../src/config/parse-config.js';
import { createSandboxDriver, startPayServer, type ChannelDriver, type RunningPayServer } from '../src/index.js';
import { call, randomKey } from './helpers.js';
import { closeTestDatabase, dropSchema, freshSchemaName, TEST_DATABASE_URL } from './postgres-test-database.js';
import { freshRedisPrefix, testRedisUrl } from './redis-test-service.js';

const SERVER_KEY = `csk_${'b'.repeat(40)}`;
const registry: ChannelRegistry = {
  real: {
    description: 'a real channel (test double)',
    production: true,
    create: async () => ({ ...createSandboxDriver(), id: 'real' }) as ChannelDriver,
  },
};

const dirs: string[] = [];
const schemas: string[] = [];
const plans: StartPlan[] = [];
const servers: RunningPayServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
  for (const plan of plans.splice(0)) {
    await plan.bus?.bus.close();
    await plan.database?.store.close();
  }
  await Promise.all(schemas.splice(0).map(dropSchema));
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});
afterAll(closeTestDatabase);

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'coinslot-bus-config-'));
  dirs.push(dir);
  await writeFile(join(dir, 'server.key'), `${SERVER_KEY}\n`, { mode: 0o600 });
  return dir;
}

/** A complete production configuration over a fresh schema of the test database, with `extra` settings. */
function production(dir: string, extra: Record<string, unknown> = {}) {
  const schema = freshSchemaName();
  schemas.push(schema);
  return {
    schema,
    raw: {
      publicUrl: 'https://pay.example.com',
      port: 0,
      dataDir: join(dir, 'data'),
      keyFile: join(dir, 'server-key.json'),
      catalog: { gem: { amount: 499, currency: 'USD' } },
      auth: { serverKeys: [{ file: 'server.key' }] },
      corsOrigins: ['https://game.example'],
      channels: { real: {} },
      database: { url: { env: 'DATABASE_URL' }, schema },
      ...extra,
    },
  };
}

async function build(raw: unknown, dir: string, env: Record<string, string> = {}): Promise<StartPlan> {
  const plan = await buildStartOptions(await parseConfig(raw, dir), {
    env: { DATABASE_URL: TEST_DATABASE_URL, ...env },
    registry,
  });
  plans.push(plan);
  return plan;
}

describe('the server configuration: the wake-up bus', () => {
  it('defaults to in-process without PostgreSQL and to postgres with it, and reads the short and long forms', async () => {
    const dir = await tempDir();
    const parse = async (raw: Record<string, unknown>) => (await parseConfig({ mode: 'development', ...raw }, dir)).bus;
    const database = { url: { env: 'DATABASE_URL' } };
    expect(await parse({})).toEqual({ kind: 'in-process' });
    expect(await parse({ database })).toEqual({ kind: 'postgres' });
    expect(await parse({ database, bus: 'in-process' })).toEqual({ kind: 'in-process' });
    expect(await parse({ database, bus: 'redis' })).toEqual({
      kind: 'redis',
      url: { env: 'COINSLOT_REDIS_URL' },
      prefix: 'coinslot:',
    });
    expect(await parse({ database, bus: { kind: 'redis', url: { file: 'redis.url' }, prefix: 'shop1:' } })).toEqual({
      kind: 'redis',
      url: { file: 'redis.url' },
      prefix: 'shop1:',
    });
  });

  it('refuses a bus between instances without the PostgreSQL store, and settings that do not belong', async () => {
    const dir = await tempDir();
    const parse = (raw: Record<string, unknown>) => parseConfig({ mode: 'development', ...raw }, dir);
    const database = { url: { env: 'DATABASE_URL' } };
    await expect(parse({ bus: 'redis' })).rejects.toThrow(/bus: "redis" wakes instances that share their bills/);
    await expect(parse({ store: 'memory', bus: 'postgres' })).rejects.toThrow(/"store" is "memory"/);
    await expect(parse({ database, bus: 'kafka' })).rejects.toThrow(/bus\.kind: must be one of "in-process"/);
    await expect(parse({ database, bus: { url: { env: 'X' } } })).rejects.toThrow(/bus\.kind: is required/);
    await expect(parse({ database, bus: { kind: 'postgres', prefix: 'a:' } })).rejects.toThrow(
      /bus\.prefix: is a setting of the Redis bus only/,
    );
    await expect(parse({ database, bus: { kind: 'redis', channel: 'x' } })).rejects.toThrow(
      /bus\.channel: is not a setting here/,
    );
    await expect(parse({ database, bus: { kind: 'redis', url: 42 } })).rejects.toThrow(/bus\.url: must be/);
    await expect(parse({ database, bus: { kind: 'redis', prefix: 'a b' } })).rejects.toThrow(/bus\.prefix: must not/);
    await expect(parse({ database, bus: 3 })).rejects.toThrow(/bus: must be "in-process", "postgres", "redis"/);
  });

  it('opens the PostgreSQL bus on the store’s schema, and a server started from the plan answers', async () => {
    const dir = await tempDir();
    const { raw, schema } = production(dir);
    const plan = await build(raw, dir);
    expect(plan.bus!.where).toBe(`PostgreSQL LISTEN/NOTIFY on coinslot_wake_${schema}`);
    expect(plan.options.bus).toBe(plan.bus!.bus);
    const server = await startPayServer(plan.options);
    servers.push(server);
    const created = await call(server, '/v1/bills', {
      json: { userId: 'p1', itemId: 'gem', quantity: 1, currency: 'USD', channel: 'real' },
      headers: { 'idempotency-key': randomKey(), authorization: `Bearer ${SERVER_KEY}` },
    });
    expect(created.status).toBe(201);
  });

  it('opens the Redis bus on the URL from the environment, with the prefix', async () => {
    const dir = await tempDir();
    const prefix = freshRedisPrefix();
    const { raw } = production(dir, { bus: { kind: 'redis', url: { env: 'REDIS_URL' }, prefix } });
    const plan = await build(raw, dir, { REDIS_URL: await testRedisUrl() });
    expect(plan.bus!.where).toBe(`Redis pub/sub on ${prefix}wake`);
  });

  it('refuses an inline Redis URL in production, and names bus.url without the password when Redis does not answer', async () => {
    const dir = await tempDir();
    await expect(build(production(dir, { bus: { kind: 'redis', url: 'redis://x' } }).raw, dir)).rejects.toThrow(
      /bus\.url: an inline secret is refused in production/,
    );
    await expect(build(production(dir, { bus: 'redis' }).raw, dir)).rejects.toThrow(
      /bus\.url\.env: the environment variable COINSLOT_REDIS_URL is not set/,
    );
    const failure = build(production(dir, { bus: 'redis' }).raw, dir, {
      COINSLOT_REDIS_URL: 'redis://:hunter2-secret@127.0.0.1:1',
    });
    await expect(failure).rejects.toThrow(/bus\.url: cannot listen for wake-ups at redis:\/\/127\.0\.0\.1:1/);
    await expect(failure).rejects.not.toThrow(/hunter2-secret/);
  });

  it('takes --bus from the command line over the file', () => {
    const command = parseCliArgs(['--config', 'x.json', '--bus', 'redis']);
    expect(command.kind === 'start' && command.overrides.bus).toBe('redis');
  });
});
