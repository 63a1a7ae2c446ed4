import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Webhook } from 'standardwebhooks';
import { afterEach, describe, expect, it } from 'vitest';
import { buildStartOptions } from '../src/config/build-start-options.js';
import type { ChannelRegistry } from '../src/config/driver-registry.js';
import { parseConfig } from '../src/config/parse-config.js';
import { productionProblems } from '../src/config/production-rules.js';
import {
  createSandboxDriver,
  generateWebhookSecret,
  startPayServer,
  type ChannelDriver,
  type RunningPayServer,
} from '../src/index.js';
import { killAllClis, runCliToExit, startCli } from './cli-process.js';
import { closeAllReceivers, startReceiver } from './events-receiver.js';
import { verifiesWithPublicKey } from './events-verify.js';
import { newBill, payBill, SANDBOX_SECRET } from './helpers.js';

const dirs: string[] = [];
const servers: RunningPayServer[] = [];
afterEach(async () => {
  await killAllClis();
  await Promise.all(servers.splice(0).map((server) => server.close()));
  await closeAllReceivers();
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});
const tempDir = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'coinslot-events-config-'));
  dirs.push(dir);
  return dir;
};

const registry: ChannelRegistry = {
  real: {
    description: 'a real channel (test double)',
    production: true,
    create: async () => ({ ...createSandboxDriver({ secret: SANDBOX_SECRET }), id: 'real' }) as ChannelDriver,
  },
};

const production = (events: Record<string, unknown>) => ({
  publicUrl: 'https://pay.example.com',
  catalog: { gem: { amount: 499, currency: 'USD' } },
  auth: { serverKeys: [{ env: 'SERVER_KEY' }] },
  corsOrigins: [],
  channels: { real: {} },
  events,
});

const SERVER_KEY = `csk_${'c'.repeat(43)}`;

describe('events in the configuration file', () => {
  it('takes webhookUrl, secret, timeoutMs, concurrency and retentionDays', async () => {
    const dir = await tempDir();
    const events = {
      webhookUrl: 'https://game.example/coinslot/events',
      secret: { env: 'WEBHOOK_SECRET' },
      timeoutMs: 5000,
      concurrency: 4,
      retentionDays: 60,
    };
    expect((await parseConfig({ events }, dir)).events).toEqual(events);
    expect((await parseConfig({}, dir)).events).toEqual({});
  });

  for (const [events, message] of [
    [{ webhookURL: 'https://x' }, /events\.webhookURL: is not a setting here/],
    [{ webhookUrl: 'game.example/hook' }, /events\.webhookUrl: game\.example\/hook \(an absolute http\(s\) URL/],
    [{ retentionDays: 7 }, /events\.retentionDays: 7 \(a number ≥ 30\)/],
    [{ concurrency: 0 }, /events\.concurrency: /],
    [{ timeoutMs: 'ten' }, /events\.timeoutMs: /],
    [{ secret: 42 }, /events\.secret: must be \{ "env": "NAME" \} or \{ "file": "path" \}/],
    ['https://x', /events: must be a JSON object/],
  ] as const) {
    it(`refuses ${JSON.stringify(events)} naming the field`, async () => {
      await expect(parseConfig({ events }, await tempDir())).rejects.toThrow(message);
    });
  }

  it('production wants an https webhookUrl, or http to a loopback address only', async () => {
    const dir = await tempDir();
    const problems = async (webhookUrl: string) =>
      productionProblems(await parseConfig(production({ webhookUrl }), dir), registry).map((p) => p.field);
    expect(await problems('http://game.example/hook')).toEqual(['events.webhookUrl']);
    expect(await problems('http://10.0.0.5/hook')).toEqual(['events.webhookUrl']);
    expect(await problems('https://game.example/hook')).toEqual([]);
    expect(await problems('http://127.0.0.1:9000/hook')).toEqual([]);
    expect(await problems('http://localhost:9000/hook')).toEqual([]);
    expect(await problems('http://[::1]:9000/hook')).toEqual([]);
  });

  it('reads the HMAC secret from its reference, and refuses a malformed one without showing it', async () => {
    const dir = await tempDir();
    const secret = generateWebhookSecret();
    const config = await parseConfig(
      production({ webhookUrl: 'https://game.example/hook', secret: { env: 'WEBHOOK_SECRET' } }),
      dir,
    );
    const plan = await buildStartOptions(config, { env: { SERVER_KEY, WEBHOOK_SECRET: secret }, registry });
    expect(plan.options.events).toMatchObject({ webhookUrl: 'https://game.example/hook', signing: { secret } });
    expect(plan.webhook).toEqual({ url: 'https://game.example/hook', scheme: 'hmac-sha256' });
    const bad = buildStartOptions(config, {
      env: { SERVER_KEY, WEBHOOK_SECRET: 'whsec_c2VjcmV0LXNlY3JldA==' },
      registry,
    });
    await expect(bad).rejects.toThrow(/events\.secret: must be whsec_ \+ standard base64 of 24–64 random bytes/);
    await expect(bad).rejects.not.toThrow(/c2VjcmV0LXNlY3JldA/);
    const inline = await parseConfig(production({ webhookUrl: 'https://game.example/hook', secret: secret }), dir);
    await expect(buildStartOptions(inline, { env: { SERVER_KEY }, registry })).rejects.toThrow(
      /events\.secret: an inline secret is refused in production/,
    );
  });

  it('without a secret, keeps an Ed25519 key in dataDir/webhook-key.json (0600) and signs with it', async () => {
    const dir = await tempDir();
    const receiver = await startReceiver();
    const raw = {
      mode: 'development',
      port: 0,
      channels: { sandbox: { secret: { env: 'SANDBOX' } } },
      events: { webhookUrl: receiver.url },
    };
    const build = async () => buildStartOptions(await parseConfig(raw, dir), { env: { SANDBOX: SANDBOX_SECRET } });
    const plan = await build();
    if (plan.webhook?.scheme !== 'ed25519') throw new Error('expected the Ed25519 scheme');
    expect(plan.webhook).toMatchObject({
      url: receiver.url,
      keyCreated: true,
      keyFile: join(dir, '.coinslot/data/webhook-key.json'),
    });
    expect(plan.webhook.publicKey).toMatch(/^whpk_[A-Za-z0-9+/]{43}=$/);
    expect((await stat(plan.webhook.keyFile)).mode & 0o777).toBe(0o600);
    const again = await build();
    expect(again.webhook).toMatchObject({ publicKey: plan.webhook.publicKey, keyCreated: false });

    const server = await startPayServer(plan.options);
    servers.push(server);
    expect(server.payServer.events.publicKey).toBe(plan.webhook.publicKey);
    await payBill(server, await newBill(server));
    const [webhook] = await receiver.waitFor(1);
    expect(verifiesWithPublicKey(webhook!, plan.webhook.publicKey)).toBe(true);
  });
});

describe('coinslot-server and webhooks', () => {
  it('prints the whpk_ public key at start, the same after a restart', async () => {
    const cwd = await tempDir();
    await writeFile(
      join(cwd, 'coinslot.config.json'),
      JSON.stringify({ events: { webhookUrl: 'http://127.0.0.1:9/hook' } }),
    );
    const first = await startCli(cwd, ['--config', 'coinslot.config.json']);
    const key = async (cli: Awaited<ReturnType<typeof startCli>>) => {
      for (let waited = 0; !/public key whpk_/.test(cli.output()) && waited < 5000; waited += 50)
        await new Promise((resolve) => setTimeout(resolve, 50));
      return /Webhooks: POST http:\/\/127\.0\.0\.1:9\/hook, signed with Ed25519; public key (whpk_\S+)/.exec(
        cli.output(),
      )?.[1];
    };
    const publicKey = await key(first);
    expect(publicKey).toMatch(/^whpk_[A-Za-z0-9+/]{43}=$/);
    expect(first.output()).toContain('Created webhook signing key in');
    await killAllClis();
    const second = await startCli(cwd, ['--config', 'coinslot.config.json']);
    expect(await key(second)).toBe(publicKey);
    expect(second.output()).not.toContain('Created webhook signing key');
  }, 60_000);

  it('keygen webhook-secret prints a fresh whsec_ secret that standardwebhooks accepts', async () => {
    const cwd = await tempDir();
    const [one, two] = await Promise.all([
      runCliToExit(cwd, ['keygen', 'webhook-secret'], { dev: false }),
      runCliToExit(cwd, ['keygen', 'webhook-secret'], { dev: false }),
    ]);
    expect(one.code).toBe(0);
    const secret = one.output.trim();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(secret).not.toBe(two.output.trim());
    const signed = new Webhook(secret).sign('evt_1', new Date(), '{}');
    expect(signed).toMatch(/^v1,/);
    const wrong = await runCliToExit(cwd, ['keygen', 'webhook'], { dev: false });
    expect(wrong.code).toBe(1);
    expect(wrong.output).toMatch(/keygen takes nothing \(a server key\) or "webhook-secret"/);
  }, 60_000);
});
