import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildStartOptions } from '../src/config/build-start-options.js';
import { importChannelPackage, type ChannelPackageImporter } from '../src/config/channel-packages.js';
import { parseConfig } from '../src/config/parse-config.js';
import { startPayServer, type RunningPayServer } from '../src/index.js';
import { randomKey } from './helpers.js';

/** The fake channel packages in fixtures/channel-packages, by channel id. */
const FIXTURES: Record<string, () => Promise<unknown>> = {
  fixture: () => import('./fixtures/channel-packages/fixture.js'),
  devonly: () => import('./fixtures/channel-packages/devonly.js'),
  'no-entry': () => import('./fixtures/channel-packages/no-entry.js'),
  'bad-entry': () => import('./fixtures/channel-packages/bad-entry.js'),
  // @ts-expect-error -- a JavaScript fixture without types, on purpose (its own dependency is missing)
  broken: () => import('./fixtures/channel-packages/broken.mjs'),
};

/** Maps `@coinslot/channel-<fixture>/server` to its fixture; any other specifier is imported for real. */
const imported: string[] = [];
const importFixture: ChannelPackageImporter = async (specifier) => {
  imported.push(specifier);
  const id = /^@coinslot\/channel-(.+)\/server$/.exec(specifier)?.[1];
  const load = id === undefined ? undefined : FIXTURES[id];
  return load ? load() : importChannelPackage(specifier);
};

const dirs: string[] = [];
const servers: RunningPayServer[] = [];
afterEach(async () => {
  imported.length = 0;
  await Promise.all(servers.splice(0).map((server) => server.close()));
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

const SERVER_KEY = `csk_${'q'.repeat(40)}`;
const ENV = { COINSLOT_SERVER_KEY: SERVER_KEY, FIXTURE_API_KEY: 'fx-secret-0123456789' };

/** A production configuration in a fresh folder, with `channels`. */
async function production(channels: Record<string, unknown>, change: Record<string, unknown> = {}) {
  const dir = await mkdtemp(join(tmpdir(), 'coinslot-channel-packages-'));
  dirs.push(dir);
  return {
    dir,
    raw: {
      publicUrl: 'https://pay.example.com',
      port: 0,
      dataDir: join(dir, 'data'),
      keyFile: join(dir, 'server-key.json'),
      catalog: { gem: { amount: 499, currency: 'USD' } },
      auth: { serverKeys: [{ env: 'COINSLOT_SERVER_KEY' }] },
      corsOrigins: [],
      channels,
      ...change,
    },
  };
}

async function build(raw: Record<string, unknown>, dir: string, importChannel = importFixture) {
  return buildStartOptions(await parseConfig(raw, dir), { env: ENV, importChannel });
}

const fixture = { label: 'blue', apiKey: { env: 'FIXTURE_API_KEY' } };

describe('channel packages named in the configuration file', () => {
  it('loads channels.<id> from @coinslot/channel-<id>/server and starts in production with its driver', async () => {
    const { raw, dir } = await production({ fixture });
    const plan = await build(raw, dir);
    expect(imported).toEqual(['@coinslot/channel-fixture/server']);
    expect(plan.options.drivers!.map((driver) => driver.id)).toEqual(['fixture']);
    expect(plan.banners).toEqual([]);
    const server = await startPayServer(plan.options);
    servers.push(server);
    const created = await fetch(`${server.url}/v1/bills`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${SERVER_KEY}`,
        'content-type': 'application/json',
        'idempotency-key': randomKey(),
      },
      body: JSON.stringify({ userId: 'p1', itemId: 'gem', quantity: 1, currency: 'USD', channel: 'fixture' }),
    });
    expect(created.status).toBe(201);
    expect((await created.json()).launch).toEqual({ label: 'blue', apiKeyLength: 20, mode: 'production' });
  });

  it('takes built-in channels from the registry without importing anything', async () => {
    const { raw, dir } = await production({ sandbox: {} }, { mode: 'development' });
    const plan = await build(raw, dir);
    expect(plan.options.drivers!.map((driver) => driver.id)).toEqual(['sandbox']);
    expect(imported).toEqual([]);
  });

  it('in production, refuses a package whose entry is for development only, with the other production problems', async () => {
    const { raw, dir } = await production({ devonly: {}, fixture }, { publicUrl: undefined });
    const refusal = build(raw, dir);
    await expect(refusal).rejects.toThrow(/production mode refuses to start/);
    await expect(refusal).rejects.toThrow(/- publicUrl: is required/);
    await expect(refusal).rejects.toThrow(
      /- channels\.devonly: the devonly channel is for development only \(a development-only fixture channel/,
    );
    await expect(refusal).rejects.not.toThrow(/channels\.fixture/);
  });

  it('in development, runs a development-only package with the sandbox banner', async () => {
    const { raw, dir } = await production({ devonly: {} }, { mode: 'development' });
    const plan = await build(raw, dir);
    expect(plan.banners).toContain(
      'SANDBOX CHANNEL ON: "devonly" is a development-only fixture channel (approves for free). Never take real money with it.',
    );
  });

  it('names the npm package to install when the channel is neither built in nor installed', async () => {
    const { raw, dir } = await production({ nonexistent: {} }, { mode: 'development' });
    await expect(build(raw, dir, importChannelPackage)).rejects.toThrow(
      'channels.nonexistent: no built-in channel "nonexistent" (built in: sandbox), and its package ' +
        '@coinslot/channel-nonexistent is not installed: run `npm install @coinslot/channel-nonexistent`',
    );
  });

  it('names every channel without an entry in one error, in production too', async () => {
    const { raw, dir } = await production({ fixture, 'no-such-one': {}, 'no-entry': {}, 'no-such-two': {} });
    const refusal = build(raw, dir);
    await expect(refusal).rejects.toThrow(
      /^the server configuration is not usable:\n {2}- channels\.no-such-one: .*\n {2}- channels\.no-entry: .*\n {2}- channels\.no-such-two: .*npm install @coinslot\/channel-no-such-two`$/,
    );
  });

  it('tells an installed package that fails to load (its own dependency missing) from one not installed', async () => {
    const { raw, dir } = await production({ broken: {} }, { mode: 'development' });
    const refusal = build(raw, dir);
    await expect(refusal).rejects.toThrow(/^channels\.broken: @coinslot\/channel-broken\/server failed to load: /);
    await expect(refusal).rejects.toThrow(/coinslot-fixture-missing-dependency/);
    await expect(refusal).rejects.not.toThrow(/npm install/);
  });

  it('refuses a package that exports no valid channelEntry, saying what is missing', async () => {
    const { raw, dir } = await production({ 'no-entry': {}, 'bad-entry': {} }, { mode: 'development' });
    const refusal = build(raw, dir);
    await expect(refusal).rejects.toThrow(
      "- channels.no-entry: @coinslot/channel-no-entry/server is not a Coinslot channel's server entry: it exports no channelEntry",
    );
    await expect(refusal).rejects.toThrow(
      "- channels.bad-entry: @coinslot/channel-bad-entry/server is not a Coinslot channel's server entry: its channelEntry has no production flag (a boolean)",
    );
  });

  it('refuses a key that is not a channel id before importing anything', async () => {
    const { raw, dir } = await production({ '../evil': {} }, { mode: 'development' });
    await expect(build(raw, dir)).rejects.toThrow(/channels\.\.\.\/evil: is not a channel id/);
    expect(imported).toEqual([]);
  });

  it('passes the package’s own ConfigError, names the channel for any other error, and refuses a wrong driver id', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ apiKey: fixture.apiKey }, 'channels.fixture.label: must be a string'],
      [
        { ...fixture, explode: true },
        'channels.fixture: the channel could not be built: the provider SDK refused the settings',
      ],
      [{ ...fixture, id: 'other' }, 'channels.fixture: the channel built a driver with the id "other"'],
      [{ ...fixture, apiKey: { env: 'MISSING_KEY' } }, 'channels.fixture.apiKey'],
    ];
    for (const [options, message] of cases) {
      const { raw, dir } = await production({ fixture: options });
      await expect(build(raw, dir)).rejects.toThrow(message);
    }
  });

  it('refuses an inline secret of a package channel in production, as for every secret', async () => {
    const { raw, dir } = await production({ fixture: { label: 'blue', apiKey: 'inline-secret-value' } });
    await expect(build(raw, dir)).rejects.toThrow(/channels\.fixture\.apiKey/);
  });
});
