import { generateKeyPairSync } from 'node:crypto';
import type { ChannelBuildContext } from '@coinslot/server';
import { describe, expect, it } from 'vitest';
import { channelEntry, createAlipayDriver } from '../src/server/index.js';

// `channels.alipay` in the pay server's configuration file, and the factory's checks behind it.
const app = generateKeyPairSync('rsa', { modulusLength: 2048 });
const alipay = generateKeyPairSync('rsa', { modulusLength: 2048 });
const APP_PRIVATE_PEM = app.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const APP_PRIVATE_PKCS1_BASE64 = app.privateKey.export({ type: 'pkcs1', format: 'der' }).toString('base64');
const ALIPAY_PUBLIC_BASE64 = alipay.publicKey.export({ type: 'spki', format: 'der' }).toString('base64');

/** A build context whose secrets come from a map (`{ env: NAME }` references). */
function buildContext(secrets: Record<string, string>): ChannelBuildContext {
  return {
    mode: 'production',
    field: 'channels.alipay',
    dataDir: undefined,
    returnUrlOrigins: [],
    env: secrets,
    async secret(value, key) {
      const name = (value as { env?: string }).env;
      if (name === undefined || secrets[name] === undefined) throw new Error(`channels.alipay.${key}: no such secret`);
      return secrets[name]!;
    },
  } as ChannelBuildContext;
}

const valid = {
  appId: '2021000000000001',
  appPrivateKey: { env: 'ALIPAY_APP_PRIVATE_KEY' },
  alipayPublicKey: ALIPAY_PUBLIC_BASE64,
  gateway: 'http://127.0.0.1:9/gateway.do',
  flow: 'precreate',
};
const ctx = buildContext({ ALIPAY_APP_PRIVATE_KEY: APP_PRIVATE_PKCS1_BASE64 });

describe('channels.alipay', () => {
  it('builds the driver with the private key from a secret reference (PKCS#1 base64 as Alipay’s key tool writes it)', async () => {
    const driver = await channelEntry.create(valid, ctx);
    expect(driver).toMatchObject({ id: 'alipay', resultSource: ['server'] });
    expect(channelEntry.production).toBe(true);
  });

  it.each([
    [{ ...valid, appId: undefined }, 'channels.alipay.appId'],
    [{ ...valid, appId: '123' }, 'channels.alipay.appId'],
    [{ ...valid, appPrivateKey: undefined }, 'channels.alipay.appPrivateKey'],
    [{ ...valid, alipayPublicKey: 'not a key' }, 'channels.alipay.alipayPublicKey'],
    [{ ...valid, flow: 'app' }, 'channels.alipay.flow'],
    [{ ...valid, gateway: 'ftp://gateway' }, 'channels.alipay.gateway'],
    [{ ...valid, notificationMaxAgeSeconds: 'long' }, 'channels.alipay.notificationMaxAgeSeconds'],
    [{ ...valid, appSecret: 'x' }, 'channels.alipay.appSecret'],
  ])('refuses a wrong setting, naming its field (%#)', async (options, field) => {
    await expect(channelEntry.create(options as never, ctx)).rejects.toThrow(field);
  });

  it('reports each problem as a ConfigError naming its field, so the CLI lists it with its own', async () => {
    const error = (await channelEntry.create({ ...valid, flow: 'app' }, ctx).catch((e: unknown) => e)) as Error & {
      problems?: unknown;
    };
    expect(error.name).toBe('ConfigError');
    expect(error.problems).toEqual([{ field: 'channels.alipay.flow', message: 'must be "page" or "precreate"' }]);
  });

  it('refuses a private key that does not read, without echoing it', async () => {
    const broken = buildContext({ ALIPAY_APP_PRIVATE_KEY: 'MIIBroken-secret-value' });
    const error = (await channelEntry.create(valid, broken).catch((e: unknown) => e)) as Error;
    expect(error.message).toMatch(/channels\.alipay\.appPrivateKey/);
    expect(error.message).not.toContain('Broken-secret-value');
  });
});

describe('createAlipayDriver', () => {
  it('takes PEM keys too, and refuses the app private key where the Alipay public key belongs', () => {
    const pem = alipay.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(() =>
      createAlipayDriver({ appId: valid.appId, appPrivateKey: APP_PRIVATE_PEM, alipayPublicKey: pem }),
    ).not.toThrow();
    expect(() =>
      createAlipayDriver({ appId: valid.appId, appPrivateKey: APP_PRIVATE_PEM, alipayPublicKey: APP_PRIVATE_PEM }),
    ).toThrow(/alipayPublicKey/);
  });

  it('refuses a launch for a bill that is not in CNY', async () => {
    const driver = createAlipayDriver({
      appId: valid.appId,
      appPrivateKey: APP_PRIVATE_PEM,
      alipayPublicKey: ALIPAY_PUBLIC_BASE64,
    });
    const bill = { id: 'b_1', amount: 100, currency: 'USD', expiresAt: Date.now() + 60_000 } as never;
    const ctx = { publicUrl: 'http://127.0.0.1:8787', now: Date.now, logger: console } as never;
    await expect(Promise.resolve().then(() => driver.launch(bill, ctx))).rejects.toThrow(/CNY/);
  });
});
