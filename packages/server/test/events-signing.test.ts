import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Webhook } from 'standardwebhooks';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createPayServer,
  createSandboxDriver,
  generateWebhookKey,
  generateWebhookSecret,
  startPayServer,
  webhookPublicKey,
  type RunningPayServer,
} from '../src/index.js';
import { closeAllReceivers, startReceiver } from './events-receiver.js';
import { verifiesWithPublicKey } from './events-verify.js';
import { closeAllServers, newBill, payBill, SANDBOX_SECRET, startTestServer } from './helpers.js';

const dirs: string[] = [];
const running: RunningPayServer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()));
  await closeAllServers();
  await closeAllReceivers();
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('webhook signing (protocol §10)', () => {
  it('signs with Ed25519 (v1a) over id.timestamp.body; node:crypto verifies it with the whpk_ public key alone', async () => {
    const receiver = await startReceiver();
    const key = await generateWebhookKey();
    const server = await startTestServer({ events: { webhookUrl: receiver.url, signing: key } });
    const bill = await newBill(server);
    await payBill(server, bill);
    const [webhook] = await receiver.waitFor(1);

    expect(server.payServer.events.publicKey).toBe(key.publicKey);
    expect(key.publicKey).toMatch(/^whpk_[A-Za-z0-9+/]{43}=$/);
    expect(webhook!.method).toBe('POST');
    expect(webhook!.path).toBe('/coinslot/events');
    expect(webhook!.headers['content-type']).toBe('application/json');
    expect(webhook!.headers['webhook-id']).toMatch(/^evt_[A-Za-z0-9_-]+$/);
    expect(webhook!.headers['webhook-timestamp']).toMatch(/^\d+$/);
    expect(Math.abs(Number(webhook!.headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(5);
    expect(webhook!.headers['webhook-signature']).toMatch(/^v1a,[A-Za-z0-9+/]{86}==$/);
    expect(verifiesWithPublicKey(webhook!, key.publicKey)).toBe(true);
    const body = JSON.parse(webhook!.body);
    expect(body).toEqual({ type: 'bill.paid', timestamp: expect.any(String), data: { bill: expect.any(Object) } });
    expect(body.data.bill).toMatchObject({ id: bill.id, state: 'paid' });
    expect(body.timestamp).toBe(new Date(body.data.bill.updatedAt).toISOString());
  });

  it('a signature does not verify with another key, nor over another body', async () => {
    const receiver = await startReceiver();
    const key = await generateWebhookKey();
    const server = await startTestServer({ events: { webhookUrl: receiver.url, signing: key } });
    await payBill(server, await newBill(server));
    const [webhook] = await receiver.waitFor(1);
    expect(verifiesWithPublicKey(webhook!, (await generateWebhookKey()).publicKey)).toBe(false);
    expect(verifiesWithPublicKey({ ...webhook!, body: webhook!.body.replace('paid', 'PAID') }, key.publicKey)).toBe(
      false,
    );
  });

  it('signs with HMAC-SHA256 (v1) given a whsec_ secret: the official standardwebhooks package verifies it', async () => {
    const receiver = await startReceiver();
    const secret = generateWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const server = await startTestServer({ events: { webhookUrl: receiver.url, signing: { secret } } });
    const bill = await newBill(server);
    await payBill(server, bill);
    const [webhook] = await receiver.waitFor(1);

    expect(server.payServer.events.scheme).toBe('hmac-sha256');
    expect(server.payServer.events.publicKey).toBeUndefined();
    expect(webhook!.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
    const verified = new Webhook(secret).verify(webhook!.body, webhook!.headers as Record<string, string>);
    expect(verified).toMatchObject({ type: 'bill.paid', data: { bill: { id: bill.id } } });
    expect(() => new Webhook(generateWebhookSecret()).verify(webhook!.body, webhook!.headers as never)).toThrow();
  });

  it('refuses a malformed webhook secret or private key at creation, without echoing the secret', async () => {
    const webhookUrl = 'http://127.0.0.1:1/hook';
    const short = `whsec_${Buffer.alloc(8).toString('base64')}`;
    await expect(
      createPayServer({ auth: { development: true }, events: { webhookUrl, signing: { secret: short } } }),
    ).rejects.toThrow(/Invalid webhook secret: must be whsec_ \+ standard base64 of 24–64 random bytes/);
    await expect(
      createPayServer({ auth: { development: true }, events: { webhookUrl, signing: { secret: 'hunter2-hunter2' } } }),
    ).rejects.toThrow(/^(?!.*hunter2).*Invalid webhook secret/);
    const { privateKey } = await generateWebhookKey();
    await expect(
      createPayServer({
        auth: { development: true },
        events: { webhookUrl, signing: { privateKey: { ...privateKey, crv: 'X25519' as 'Ed25519' } } },
      }),
    ).rejects.toThrow(/Invalid webhook privateKey: only Ed25519 keys/);
    await expect(createPayServer({ auth: { development: true }, events: { webhookUrl: 'ftp://x/y' } })).rejects.toThrow(
      /Invalid events\.webhookUrl/,
    );
  });

  it('generateWebhookKey answers a private JWK whose whpk_ key is the raw 32-byte public key', async () => {
    const { privateKey, publicKey } = await generateWebhookKey();
    expect(privateKey).toEqual({ kty: 'OKP', crv: 'Ed25519', x: expect.any(String), d: expect.any(String) });
    expect(Buffer.from(publicKey.slice(5), 'base64')).toEqual(Buffer.from(privateKey.x, 'base64url'));
    expect(webhookPublicKey(privateKey)).toBe(publicKey);
  });

  it('startPayServer with a dataDir keeps the Ed25519 key in webhook-key.json (0600): the same key after a restart', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'coinslot-webhook-key-'));
    dirs.push(dir);
    const receiver = await startReceiver();
    const options = {
      auth: { development: true } as const,
      dataDir: dir,
      drivers: [createSandboxDriver({ secret: SANDBOX_SECRET })],
      events: { webhookUrl: receiver.url },
    };
    const first = await startPayServer(options);
    running.push(first);
    const publicKey = first.payServer.events.publicKey!;
    expect(publicKey).toMatch(/^whpk_/);
    const file = join(dir, 'webhook-key.json');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(webhookPublicKey(JSON.parse(await readFile(file, 'utf8')))).toBe(publicKey);
    await first.close();

    const second = await startPayServer(options);
    running.push(second);
    expect(second.payServer.events.publicKey).toBe(publicKey);
    await payBill(second, await newBill(second));
    const [webhook] = await receiver.waitFor(1);
    expect(verifiesWithPublicKey(webhook!, publicKey)).toBe(true);
  });
});
