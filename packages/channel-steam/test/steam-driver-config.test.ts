import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPayServer, type ChannelBuildContext } from '@coinslot/server';
import { startSteamEmulator } from '@coinslot/testing/emulators';
import { afterEach, describe, expect, it } from 'vitest';
import { channelEntry, createFileSteamState, createSteamDriver } from '../src/server/index.js';
import { CATALOG, initOrder } from './steam-stack.js';

const KEY = 'ABCDEF0123456789ABCDEF0123456789';
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'coinslot-steam-'));
  dirs.push(dir);
  return dir;
}

/** A build context like the CLI's: secrets resolved from `{ env }` references. */
function context(overrides: Partial<ChannelBuildContext> = {}): ChannelBuildContext {
  const env = { STEAM_KEY: KEY, STEAM_POLL: 'poll-token-0123456789' };
  return {
    mode: 'production',
    field: 'channels.steam',
    dataDir: undefined,
    returnUrlOrigins: [],
    env,
    async secret(value, key) {
      const name = (value as { env?: string }).env;
      const found = name === undefined ? undefined : env[name as keyof typeof env];
      if (found === undefined) throw new TypeError(`channels.steam.${key}: no such secret`);
      return found;
    },
    ...overrides,
  };
}

describe('createSteamDriver options', () => {
  it('refuses wrong options naming the option and never a secret’s value', () => {
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ publisherKey: 'short', appId: 480 }, /publisherKey/],
      [{ publisherKey: KEY, appId: 0 }, /appId/],
      [{ publisherKey: KEY, appId: 480, apiUrl: 'ftp://steam' }, /apiUrl/],
      [{ publisherKey: KEY, appId: 480, items: { gems: { itemId: -1 } } }, /items\["gems"\]\.itemId/],
      [{ publisherKey: KEY, appId: 480, reversals: { reportType: 'ALL' } }, /reversals\.reportType/],
      [{ publisherKey: KEY, appId: 480, reversals: { pollToken: 'x' } }, /reversals\.pollToken/],
    ];
    for (const [options, named] of cases) {
      const error = (() => {
        try {
          createSteamDriver(options as never);
        } catch (caught) {
          return caught as Error;
        }
      })();
      expect(error).toBeInstanceOf(TypeError);
      expect(error?.message).toMatch(named);
      expect(error?.message).not.toContain(KEY);
    }
  });

  it('declares both result sources: the adapter’s proof, and the reversal poller’s notices', () => {
    const driver = createSteamDriver({ publisherKey: KEY, appId: 480 });
    expect(driver).toMatchObject({ id: 'steam', resultSource: ['client', 'server'] });
    expect(typeof driver.query).toBe('function');
    expect(typeof driver.pollReversals).toBe('function');
  });
});

describe('channelEntry (channels.steam in the configuration file)', () => {
  it('builds the driver from secret references; it records each order it starts in the data dir', async () => {
    const dataDir = await tempDir();
    const steam = await startSteamEmulator({ publisherKey: KEY });
    const player = steam.connectClient();
    const driver = await channelEntry.create(
      {
        publisherKey: { env: 'STEAM_KEY' },
        appId: steam.appId,
        sandbox: true,
        apiUrl: steam.url,
        items: { 'coins-550': { itemId: 1002, description: 'Chest of coins' } },
        reversals: { lookbackDays: 7, pollToken: { env: 'STEAM_POLL' } },
      },
      context({ dataDir, mode: 'development' }),
    );
    const server = await startPayServer({ auth: { development: true }, drivers: [driver], catalog: CATALOG });
    try {
      const created = await fetch(`${server.url}/v1/bills`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': 'config-test-1' },
        body: JSON.stringify({ userId: 'p1', itemId: 'coins-550', quantity: 1, currency: 'USD', channel: 'steam' }),
      });
      const { bill, launch } = (await created.json()) as { bill: { id: string }; launch: Record<string, unknown> };
      expect((await initOrder(launch)).status).toBe(200);
      expect(await player.overlay.waitFor(String(launch.orderid))).toBe(launch.orderid);
      const recorded = await readFile(join(dataDir, 'steam-orders.jsonl'), 'utf8');
      expect(JSON.parse(recorded)).toEqual({ orderid: launch.orderid, billId: bill.id });
      const poll = await fetch(`${server.url}/v1/steam/reversals/poll`, {
        method: 'POST',
        headers: { authorization: 'Bearer poll-token-0123456789' },
      });
      expect(poll.status).toBe(200);
      expect(await readFile(join(dataDir, 'steam-report-cursor'), 'utf8')).toMatch(/^\d{4}-\d\d-\d\dT/);
    } finally {
      await server.close();
      await steam.close();
    }
  });

  it('refuses the sandbox interface in production mode, an unknown setting, and a missing key', async () => {
    await expect(
      channelEntry.create({ publisherKey: { env: 'STEAM_KEY' }, appId: 480, sandbox: true }, context()),
    ).rejects.toThrow(/channels\.steam\.sandbox/);
    await expect(
      channelEntry.create(
        { publisherKey: { env: 'STEAM_KEY' }, appId: 480, sandbox: true },
        context({ mode: 'development' }),
      ),
    ).resolves.toMatchObject({ id: 'steam' });
    await expect(channelEntry.create({ publisherKey: { env: 'STEAM_KEY' }, appid: 480 }, context())).rejects.toThrow(
      /channels\.steam\.appid: is not a setting/,
    );
    await expect(channelEntry.create({ appId: 480 }, context())).rejects.toMatchObject({
      name: 'ConfigError',
      problems: [{ field: 'channels.steam.publisherKey', message: 'is required (a secret reference)' }],
    });
    await expect(channelEntry.create({ publisherKey: { env: 'STEAM_KEY' }, appId: -1 }, context())).rejects.toThrow(
      /^channels\.steam: appId/,
    );
  });
});

describe('the file state', () => {
  it('keeps order → bill records and the report cursor across a restart, files readable by the owner only', async () => {
    const dir = await tempDir();
    const state = createFileSteamState(dir);
    await state.rememberOrder('123', 'b_one');
    await state.rememberOrder('456', 'b_two');
    await state.rememberOrder('123', 'b_one');
    await state.saveReportCursor('2026-12-01T10:00:00Z');

    const restarted = createFileSteamState(dir);
    expect(await restarted.billForOrder('123')).toBe('b_one');
    expect(await restarted.billForOrder('456')).toBe('b_two');
    expect(await restarted.billForOrder('789')).toBeUndefined();
    expect(await restarted.reportCursor()).toBe('2026-12-01T10:00:00Z');
    expect((await readFile(join(dir, 'steam-orders.jsonl'), 'utf8')).trim().split('\n')).toHaveLength(2);
    expect((await stat(join(dir, 'steam-orders.jsonl'))).mode & 0o777).toBe(0o600);
  });

  it('starts empty in a fresh directory', async () => {
    const state = createFileSteamState(await tempDir());
    expect(await state.billForOrder('1')).toBeUndefined();
    expect(await state.reportCursor()).toBeUndefined();
  });
});
