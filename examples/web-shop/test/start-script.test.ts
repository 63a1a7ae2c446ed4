import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureShopBuilt, shopPath } from './ensure-shop-built.js';

// What `npm start` runs after its build: scripts/start.mjs, as its own process.
let cwd: string;
const running = new Set<ChildProcess>();

beforeAll(async () => {
  await ensureShopBuilt();
  cwd = await mkdtemp(join(tmpdir(), 'coinslot-shop-'));
}, 120_000);
afterAll(async () => {
  for (const child of running) child.kill('SIGKILL');
  await rm(cwd, { recursive: true, force: true });
});

/** A running start.mjs: its URL, everything it printed so far, and a stop that expects exit code 0. */
interface StartedShop {
  url: string;
  output(): string;
  stop(): Promise<void>;
}

/**
 * Start the shop on a free port (with `args`, e.g. `--emulators`); resolves once it printed its URL — and, with
 * emulators, its last line about them — and keeps reading what it prints.
 */
async function startShop(args: string[] = []): Promise<StartedShop> {
  const child = spawn(process.execPath, [shopPath('scripts/start.mjs'), ...args], {
    cwd,
    env: { ...process.env, PORT: '0' },
  });
  running.add(child);
  let output = '';
  child.stderr.on('data', (chunk) => (output += chunk));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const printed = /Coinslot web shop: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output)?.[1];
      const done = !args.includes('--emulators') || output.includes('Steam is not offered');
      if (printed && done) resolve(printed);
    });
    child.on('exit', () => reject(new Error(`start.mjs exited without printing its URL:\n${output}`)));
  });
  return {
    url,
    output: () => output,
    async stop() {
      child.kill('SIGTERM');
      const [code] = await once(child, 'exit');
      running.delete(child);
      expect(code).toBe(0);
    },
  };
}

/** GET with the path sent byte for byte, as a hostile client would (fetch would normalise `..`). */
function rawGet(url: string, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(url), { path }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject).end();
  });
}

const keyIds = async (url: string) =>
  ((await (await fetch(new URL('/v1/keys', url))).json()) as { keys: Array<{ kid: string }> }).keys.map((k) => k.kid);

describe('scripts/start.mjs', () => {
  it('serves the page and the pay server on one origin, and nothing outside dist/', async () => {
    const shop = await startShop();
    try {
      const page = await fetch(shop.url);
      expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(await page.text()).toContain('id="balance"');
      expect((await fetch(new URL('main.js', shop.url))).headers.get('content-type')).toBe(
        'text/javascript; charset=utf-8',
      );
      const channels = await fetch(new URL('/v1/channels', shop.url));
      expect(await channels.json()).toMatchObject({ channels: [expect.objectContaining({ id: 'sandbox' })] });
      for (const path of [
        '/../package.json',
        '/../../../package.json',
        '/..%2f..%2fpackage.json',
        '/%2e%2e/scripts/start.mjs',
      ]) {
        expect(await rawGet(shop.url, path)).toMatchObject({ status: 404 });
      }
    } finally {
      await shop.stop();
    }
  }, 30_000);

  it("mints player tokens only for a logged-in session, publishes their keys, and gives the page the pay server's keys to pin", async () => {
    const shop = await startShop();
    try {
      const api = (path: string, init: RequestInit = {}) => fetch(new URL(path, shop.url), init);
      const post = (path: string, body: unknown, cookie?: string) =>
        api(path, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(cookie && { cookie }) },
          body: JSON.stringify(body),
        });
      expect((await post('/api/coinslot-token', {})).status).toBe(401);
      expect((await api('/api/wallet')).status).toBe(401);
      expect((await post('/api/login', { name: '../admin' })).status).toBe(400);
      expect((await api('/v1/bills?state=paid')).status).toBe(401); // the pay server wants a credential

      const login = await post('/api/login', { name: 'ada' });
      const cookie = login.headers.get('set-cookie') ?? '';
      expect(cookie).toMatch(/^shop_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict$/);
      const session = cookie.split(';')[0]!;
      expect(await (await api('/api/session', { headers: { cookie: session } })).json()).toEqual({ playerId: 'ada' });
      expect(await (await api('/api/wallet', { headers: { cookie: session } })).json()).toMatchObject({
        playerId: 'ada',
      });
      const { token } = (await (await post('/api/coinslot-token', { playerId: 'grace' }, session)).json()) as {
        token: string;
      };
      expect(JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString())).toMatchObject({ sub: 'ada' });
      const listed = await api('/v1/bills?state=paid', { headers: { authorization: `Bearer ${token}` } });
      expect(await listed.json()).toEqual({ bills: [] });

      const jwks = (await (await api('/.well-known/jwks.json')).json()) as { keys: Array<Record<string, unknown>> };
      expect(jwks.keys.length).toBeGreaterThan(0);
      for (const key of jwks.keys) expect(key).not.toHaveProperty('d');
      const pinned = (await (await api('/api/coinslot-config')).json()) as { trustedKeys: unknown };
      expect(pinned.trustedKeys).toEqual(((await (await api('/v1/keys')).json()) as { keys: unknown }).keys);

      await post('/api/logout', {}, session);
      expect((await post('/api/coinslot-token', {}, session)).status).toBe(401);
    } finally {
      await shop.stop();
    }
  }, 30_000);

  it('a purchase: the backend grants from the signed webhook and delivers; a player cannot; the coins survive a restart', async () => {
    const player = `buyer-${crypto.randomUUID().slice(0, 8)}`;
    const logIn = async (url: string) => {
      const login = await fetch(new URL('/api/login', url), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: player }),
      });
      const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
      const wallet = async () =>
        (await (await fetch(new URL('/api/wallet', url), { headers: { cookie } })).json()) as {
          coins: number;
          grants: Array<{ billId: string }>;
        };
      const minted = await fetch(new URL('/api/coinslot-token', url), {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie },
        body: '{}',
      });
      return { wallet, token: ((await minted.json()) as { token: string }).token };
    };

    const first = await startShop();
    let billId: string;
    try {
      const { wallet, token } = await logIn(first.url);
      const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
      const created = await fetch(new URL('/v1/bills', first.url), {
        method: 'POST',
        headers: { ...auth, 'idempotency-key': crypto.randomUUID() },
        body: JSON.stringify({ itemId: 'coins-550', quantity: 1, amount: 499, currency: 'USD', channel: 'sandbox' }),
      });
      const { bill, launch } = (await created.json()) as { bill: { id: string }; launch: { decideUrl: string } };
      billId = bill.id;
      const decided = await fetch(launch.decideUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ decision: 'approve' }),
      });
      expect(decided.status).toBe(200);

      await expect.poll(async () => (await wallet()).coins, { timeout: 10_000, interval: 100 }).toBe(550);
      const read = await fetch(new URL(`/v1/bills/${billId}`, first.url), { headers: auth });
      expect(await read.json()).toMatchObject({ bill: { state: 'delivered', userId: player } });
      const delivered = await fetch(new URL(`/v1/bills/${billId}/deliver`, first.url), {
        method: 'POST',
        headers: auth,
        body: '{}',
      });
      expect(delivered.status).toBe(403); // deliveredBy 'server': only the backend's key delivers
      const unsigned = await fetch(new URL('/api/coinslot-events', first.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'bill.paid', timestamp: new Date().toISOString(), data: { bill } }),
      });
      expect(unsigned.status).toBe(400);
      expect((await wallet()).coins).toBe(550);
      expect(first.output()).toContain(`backend: ${billId}: +550 coins for ${player}`);
    } finally {
      await first.stop();
    }
    expect(existsSync(join(cwd, '.coinslot', 'shop-wallets.json'))).toBe(true);

    const second = await startShop();
    try {
      const { wallet } = await logIn(second.url);
      expect(await wallet()).toMatchObject({ coins: 550, grants: [expect.objectContaining({ billId })] });
    } finally {
      await second.stop();
    }
  }, 30_000);

  it('keeps its signing key in .coinslot/server-key.json across restarts', async () => {
    const first = await startShop();
    const kidsBefore = await keyIds(first.url).finally(first.stop);
    expect(existsSync(join(cwd, '.coinslot', 'server-key.json'))).toBe(true);

    const second = await startShop();
    const kidsAfter = await keyIds(second.url).finally(second.stop);
    expect(kidsAfter).toEqual(kidsBefore);
  }, 30_000);

  it('--emulators: prints where each emulator listens and that no real provider is contacted; a WeChat Pay purchase is granted', async () => {
    const shop = await startShop(['--emulators']);
    let emulatorUrls: string[] = [];
    try {
      const lines = shop.output().split('\n');
      const listening = ['stripe', 'alipay', 'wechatpay'].map((id) =>
        lines.find((line) => line.startsWith(`  ${id}: `) && / at http:\/\/127\.0\.0\.1:\d+/.test(line)),
      );
      expect(listening).toEqual([expect.any(String), expect.any(String), expect.any(String)]);
      emulatorUrls = listening.map((line) => /http:\/\/127\.0\.0\.1:\d+/.exec(line!)![0]);
      expect(shop.output()).toContain('No real provider is contacted');
      expect(shop.output()).toContain('Steam is not offered here: it runs only in Electron');
      const channels = (await (await fetch(new URL('/v1/channels', shop.url))).json()) as {
        channels: { id: string }[];
      };
      expect(channels.channels.map((channel) => channel.id).sort()).toEqual([
        'alipay',
        'sandbox',
        'stripe',
        'wechatpay',
      ]);

      const player = `qr-${crypto.randomUUID().slice(0, 8)}`;
      const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
        fetch(new URL(path, shop.url), {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify(body),
        });
      expect((await post('/api/emulators/scan', { code: 'weixin://wxpay/bizpayurl?pr=x' })).status).toBe(401);
      const cookie = ((await post('/api/login', { name: player })).headers.get('set-cookie') ?? '').split(';')[0]!;
      expect(
        await (await fetch(new URL('/api/coinslot-config', shop.url), { headers: { cookie } })).json(),
      ).toMatchObject({ channels: ['sandbox', 'stripe', 'alipay', 'wechatpay'], emulators: true });
      expect((await post('/api/emulators/scan', { code: 'weixin://wxpay/bizpayurl?pr=x' }, { cookie })).status).toBe(
        404,
      );
      expect((await post('/api/emulators/scan', {}, { cookie })).status).toBe(400);

      const { token } = (await (await post('/api/coinslot-token', {}, { cookie })).json()) as { token: string };
      const created = await post(
        '/v1/bills',
        { itemId: 'coins-550-cny', quantity: 1, amount: 3500, currency: 'CNY', channel: 'wechatpay' },
        { authorization: `Bearer ${token}`, 'idempotency-key': crypto.randomUUID() },
      );
      const { bill, launch } = (await created.json()) as { bill: { id: string }; launch: { codeUrl: string } };
      expect(launch.codeUrl).toMatch(/^weixin:\/\/wxpay\/bizpayurl\?pr=/);
      expect(await (await post('/api/emulators/scan', { code: launch.codeUrl }, { cookie })).json()).toEqual({
        channel: 'wechatpay',
      });
      const wallet = async () =>
        ((await (await fetch(new URL('/api/wallet', shop.url), { headers: { cookie } })).json()) as { coins: number })
          .coins;
      await expect.poll(wallet, { timeout: 10_000, interval: 100 }).toBe(550);
      expect(shop.output()).toContain(`backend: ${bill.id}: +550 coins for ${player}`);
      expect((await post('/api/emulators/scan', { code: launch.codeUrl }, { cookie })).status).toBe(409); // paid
      expect(await wallet()).toBe(550);
    } finally {
      await shop.stop();
    }
    for (const url of emulatorUrls) await expect(fetch(url)).rejects.toThrow(); // stopped with the shop
  }, 30_000);

  it('refuses an unknown option with one line naming --emulators', async () => {
    const child = spawn(process.execPath, [shopPath('scripts/start.mjs'), '--emulator'], { cwd });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const [code] = await once(child, 'exit');
    expect({ code, stderr }).toEqual({
      code: 1,
      stderr: "Unknown option '--emulator': the one option is --emulators (npm start -- --emulators)\n",
    });
  }, 30_000);
});
