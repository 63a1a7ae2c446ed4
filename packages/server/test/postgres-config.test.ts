import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { buildStartOptions, type StartPlan } from '../src/config/build-start-options.js';
import type { ChannelRegistry } from '../src/config/driver-registry.js';
import { parseConfig } from '../src/config/parse-config.js';
import { createSandboxDriver, startPayServer, type ChannelDriver, type RunningPayServer } from '../src/index.js';
import { randomKey } from './helpers.js';
import {
  closeTestDatabase,
  dropSchema,
  freshSchemaName,
  queryTestDatabase,
  TEST_DATABASE_URL,
} from './postgres-test-database.js';

const SERVER_KEY = `csk_${'q'.repeat(40)}`;
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
  await Promise.all(plans.splice(0).map(async (plan) => (await plan.bus?.bus.close(), plan.database?.store.close())));
  await Promise.all(schemas.splice(0).map(dropSchema));
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});
afterAll(closeTestDatabase);

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'coinslot-pg-config-'));
  dirs.push(dir);
  await writeFile(join(dir, 'server.key'), `${SERVER_KEY}\n`, { mode: 0o600 });
  return dir;
}

/** A complete production configuration whose bills go to `database`. */
const production = (dir: string, database: Record<string, unknown>) => ({
  publicUrl: 'https://pay.example.com',
  port: 0,
  dataDir: join(dir, 'data'),
  keyFile: join(dir, 'server-key.json'),
  catalog: { gem: { amount: 499, currency: 'USD' } },
  auth: { serverKeys: [{ file: 'server.key' }], deliveredBy: 'server' },
  corsOrigins: ['https://game.example'],
  channels: { real: {} },
  database,
});

async function build(raw: unknown, dir: string, env: Record<string, string> = {}): Promise<StartPlan> {
  const plan = await buildStartOptions(await parseConfig(raw, dir), { env, registry });
  plans.push(plan);
  return plan;
}

describe('the server configuration: PostgreSQL', () => {
  it('keeps bills in the database from the environment, and the keys and secrets in dataDir', async () => {
    const dir = await tempDir();
    const schema = freshSchemaName();
    schemas.push(schema);
    const plan = await build(production(dir, { url: { env: 'DATABASE_URL' }, schema }), dir, {
      DATABASE_URL: TEST_DATABASE_URL,
    });
    expect(plan.database!.where).toMatch(new RegExp(`^postgres://[^:@]+@[^ ]+ \\(schema ${schema}\\)$`));
    const server = await startPayServer(plan.options);
    servers.push(server);
    const created = await fetch(`${server.url}/v1/bills`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'idempotency-key': randomKey(),
        authorization: `Bearer ${SERVER_KEY}`,
      },
      body: JSON.stringify({ userId: 'p1', itemId: 'gem', quantity: 1, currency: 'USD', channel: 'real' }),
    });
    expect(created.status).toBe(201);
    const { bill } = (await created.json()) as { bill: { id: string } };
    expect(await queryTestDatabase('SELECT id, state FROM bills', [], schema)).toEqual([
      { id: bill.id, state: 'created' },
    ]);
    expect((await readdir(join(dir, 'data'))).sort()).toEqual(['bill-token-secret']);
  });

  it('takes database alone as "store": "postgres", and refuses the settings that contradict or miss it', async () => {
    const dir = await tempDir();
    const parse = (raw: Record<string, unknown>) => parseConfig({ mode: 'development', ...raw }, dir);
    const config = await parse({ database: { url: { env: 'DATABASE_URL' }, maxConnections: 4 } });
    expect([config.store, config.database]).toEqual(['postgres', { url: { env: 'DATABASE_URL' }, maxConnections: 4 }]);
    expect((await parse({})).store).toBe('sqlite');
    await expect(parse({ store: 'postgres' })).rejects.toThrow(/database: is required with "store": "postgres"/);
    await expect(parse({ store: 'sqlite', database: { url: 'postgres://x' } })).rejects.toThrow(
      /database: is the PostgreSQL store's, but "store" is "sqlite"/,
    );
    await expect(parse({ database: {} })).rejects.toThrow(/database\.url: must be \{ "env": "NAME" \}/);
    await expect(parse({ database: { url: 'postgres://x', schema: 'Bad-Name' } })).rejects.toThrow(
      /database\.schema: must be a lower-case SQL identifier/,
    );
    await expect(parse({ database: { url: 'postgres://x', pool: 3 } })).rejects.toThrow(
      /database\.pool: is not a setting here/,
    );
  });

  it('refuses a database URL written into the file in production (it holds a password)', async () => {
    const dir = await tempDir();
    await expect(build(production(dir, { url: TEST_DATABASE_URL }), dir)).rejects.toThrow(
      /database\.url: an inline secret is refused in production/,
    );
  });

  it('names database.url, without the password, when the database does not answer', async () => {
    const dir = await tempDir();
    const url = new URL(TEST_DATABASE_URL);
    url.port = '1';
    url.password = 'hunter2-secret';
    const failure = build(production(dir, { url: { env: 'DATABASE_URL' } }), dir, { DATABASE_URL: url.toString() });
    await expect(failure).rejects.toThrow(/database\.url: cannot open the PostgreSQL bill store at postgres:.*:1\//);
    await expect(failure).rejects.not.toThrow(/hunter2-secret/);
  });
});
