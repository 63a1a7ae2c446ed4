import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildStartOptions } from '../src/config/build-start-options.js';
import { CHANNELS, type ChannelRegistry } from '../src/config/driver-registry.js';
import { parseConfig } from '../src/config/parse-config.js';
import { createSandboxDriver, startPayServer, type ChannelDriver, type RunningPayServer } from '../src/index.js';
import { call, randomKey } from './helpers.js';

const dirs: string[] = [];
const servers: RunningPayServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

const CASTLE_KEY = `csk_${'c'.repeat(40)}`;
const MINER_KEY = `csk_${'m'.repeat(40)}`;

/** A folder with both games' server keys in files, as a deployment keeps them. */
async function deployment(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'coinslot-apps-config-'));
  dirs.push(dir);
  await writeFile(join(dir, 'castle.key'), `${CASTLE_KEY}\n`, { mode: 0o600 });
  await writeFile(join(dir, 'miner.key'), `${MINER_KEY}\n`, { mode: 0o600 });
  return dir;
}

/** A configuration file: the default game (the castle) and `apps.space-miner`, each with a sandbox of its own. */
const twoGames = (dir: string, miner: Record<string, unknown> = {}, top: Record<string, unknown> = {}) => ({
  mode: 'development',
  port: 0,
  dataDir: join(dir, 'data'),
  keyFile: join(dir, 'server-key.json'),
  catalog: { gem: { amount: 499, currency: 'USD' } },
  auth: { serverKeys: [{ file: 'castle.key' }] },
  channels: { sandbox: {} },
  apps: {
    'space-miner': {
      catalog: { gem: { amount: 1299, currency: 'EUR' } },
      auth: { serverKeys: [{ file: 'miner.key' }] },
      channels: { sandbox: {} },
      ...miner,
    },
  },
  ...top,
});

const build = async (raw: unknown, dir: string, registry?: ChannelRegistry) =>
  buildStartOptions(await parseConfig(raw, dir), {
    env: { COINSLOT_SANDBOX_SECRET: 'the-default-games-sandbox-secret' },
    ...(registry ? { registry } : {}),
  });

describe('apps in the configuration file', () => {
  it('starts two games, each pricing from its catalog, its sandbox keeping a secret of its own in its data dir', async () => {
    const dir = await deployment();
    const plan = await build(twoGames(dir), dir);
    const server = await startPayServer(plan.options);
    servers.push(server);
    const create = (key: string) =>
      call(server, '/v1/bills', {
        json: {
          userId: 'ada',
          itemId: 'gem',
          quantity: 1,
          currency: key === MINER_KEY ? 'EUR' : 'USD',
          channel: 'sandbox',
        },
        headers: { 'idempotency-key': randomKey(), authorization: `Bearer ${key}` },
      });
    const [castle, miner] = [await create(CASTLE_KEY), await create(MINER_KEY)];
    expect([castle.body.bill.appId, castle.body.bill.amount]).toEqual(['default', 499]);
    expect([miner.body.bill.appId, miner.body.bill.amount]).toEqual(['space-miner', 1299]);
    expect(miner.body.launch.decideUrl).toContain('/apps/space-miner/v1/sandbox/checkout/');
    // The default game's sandbox takes $COINSLOT_SANDBOX_SECRET; the other game's keeps its own in its folder.
    const minerSecret = await readFile(join(dir, 'data', 'apps', 'space-miner', 'sandbox-secret'), 'utf8');
    expect(minerSecret.trim()).not.toBe('the-default-games-sandbox-secret');
    expect(minerSecret.trim().length).toBeGreaterThanOrEqual(16);
    const decided = await call(server, miner.body.launch.decideUrl, { json: { decision: 'approve' } });
    expect(decided.status).toBe(200);
    const read = await call(server, `/v1/bills/${miner.body.bill.id}`, {
      headers: { authorization: `Bearer ${MINER_KEY}` },
    });
    expect(read.body.bill.state).toBe('paid');
    expect(plan.banners.some((banner) => banner.includes('(game space-miner)'))).toBe(true);
  });

  it('refuses a game named "default" or outside the id rules, and a game without catalog, auth or channels', async () => {
    const dir = await deployment();
    const apps = (value: unknown) => parseConfig({ ...twoGames(dir), apps: value }, dir);
    await expect(apps({ default: {} })).rejects.toThrow(/apps\.default: is not an app id/);
    await expect(apps({ Space_Miner: {} })).rejects.toThrow(/apps\.Space_Miner: is not an app id/);
    for (const field of ['catalog', 'auth', 'channels']) {
      const miner = { ...twoGames(dir).apps['space-miner'] } as Record<string, unknown>;
      delete miner[field];
      await expect(apps({ 'space-miner': miner }), field).rejects.toThrow(`apps.space-miner.${field}: is required`);
    }
  });

  it('keeps the server’s settings at the top: a game’s development auth, bill-token secret or event timeout is refused', async () => {
    const dir = await deployment();
    const parse = (miner: Record<string, unknown>) => parseConfig(twoGames(dir, miner), dir);
    await expect(parse({ auth: { development: true } })).rejects.toThrow(
      /apps\.space-miner\.auth: development and billTokenSecret/,
    );
    await expect(parse({ events: { webhookUrl: 'http://127.0.0.1:9/hook', timeoutMs: 5000 } })).rejects.toThrow(
      /apps\.space-miner\.events\.timeoutMs: is the server’s/,
    );
    await expect(parse({ corsOrigins: '*' })).rejects.toThrow(/apps\.space-miner\.corsOrigins: must list origins/);
  });

  it('refuses two games sharing a server key when the server is built', async () => {
    const dir = await deployment();
    const plan = await build(twoGames(dir, { auth: { serverKeys: [{ file: 'castle.key' }] } }), dir);
    await expect(startPayServer(plan.options)).rejects.toThrow(/default and space-miner share a server key/);
  });

  it('production refuses a game’s sandbox and its plain-http webhook, naming the game’s fields', async () => {
    const dir = await deployment();
    const registry: ChannelRegistry = {
      ...CHANNELS,
      real: {
        description: 'a real channel (test double)',
        production: true,
        create: async () => ({ ...createSandboxDriver(), id: 'real' }) as ChannelDriver,
      },
    };
    const raw = twoGames(
      dir,
      { events: { webhookUrl: 'http://backend.example/hook' } },
      { mode: 'production', publicUrl: 'https://pay.example.com', corsOrigins: [], channels: { real: {} } },
    );
    const error = await build(raw, dir, registry).catch((caught: Error) => caught);
    expect(String(error)).toMatch(/apps\.space-miner\.events\.webhookUrl: must be https/);
    expect(String(error)).toMatch(/apps\.space-miner\.channels\.sandbox: the sandbox channel is for development only/);
  });
});
