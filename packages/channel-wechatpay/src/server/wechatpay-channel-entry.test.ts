import { generateKeyPairSync } from 'node:crypto';
import type { ChannelBuildContext } from '@coinslot/server';
import { describe, expect, it } from 'vitest';
import { channelEntry, createWechatPayDriver } from './index.js';

const rsa = () => generateKeyPairSync('rsa', { modulusLength: 2048 });
const merchantKey = rsa().privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
const platformKey = rsa().publicKey.export({ type: 'spki', format: 'pem' }) as string;
const SECRETS: Record<string, string> = {
  WECHATPAY_KEY_PEM: merchantKey,
  WECHATPAY_APIV3: 'k'.repeat(32),
  WECHATPAY_APIV2: 'v'.repeat(32),
  WECHATPAY_PUB: platformKey,
};

/** A build context like the CLI's: secrets are `{ env }` references read from SECRETS. */
function context(): ChannelBuildContext & { read: string[] } {
  const read: string[] = [];
  return {
    mode: 'production',
    field: 'channels.wechatpay',
    dataDir: undefined,
    returnUrlOrigins: [],
    env: {},
    read,
    async secret(value, key) {
      read.push(key);
      const name = (value as { env?: string }).env ?? '';
      if (!(name in SECRETS)) throw new Error(`channels.wechatpay.${key}.env: the environment variable is not set`);
      return SECRETS[name]!;
    },
  };
}

const config = (overrides: Record<string, unknown> = {}) => ({
  mchid: '1900000109',
  appid: 'wx8888888888888888',
  merchantSerialNo: '5157F09EFDC096DE15EBE81A47057A72',
  merchantPrivateKey: { env: 'WECHATPAY_KEY_PEM' },
  apiV3Key: { env: 'WECHATPAY_APIV3' },
  apiV2Key: { env: 'WECHATPAY_APIV2' },
  wechatpayPublicKeys: { PUB_KEY_ID_0114232134912410000000000000: { env: 'WECHATPAY_PUB' } },
  ...overrides,
});

describe('channels.wechatpay in the configuration file', () => {
  it('builds the driver, reading every key through the server’s secret references', async () => {
    const ctx = context();
    const driver = await channelEntry.create(config(), ctx);
    expect(driver).toMatchObject({ id: 'wechatpay', resultSource: ['server'] });
    expect(typeof driver.query).toBe('function');
    expect(ctx.read.sort()).toEqual([
      'apiV2Key',
      'apiV3Key',
      'merchantPrivateKey',
      'wechatpayPublicKeys.PUB_KEY_ID_0114232134912410000000000000',
    ]);
    expect(channelEntry.production).toBe(true);
  });

  it('refuses an unknown setting, a missing id and a wrong key, naming the field and never the secret', async () => {
    await expect(channelEntry.create(config({ colour: 'green' }), context())).rejects.toThrow(
      /^channels\.wechatpay\.colour: is not a setting here/,
    );
    await expect(channelEntry.create(config({ mchid: undefined }), context())).rejects.toThrow(
      'channels.wechatpay.mchid: must be a non-empty string',
    );
    await expect(channelEntry.create(config({ wechatpayPublicKeys: {} }), context())).rejects.toThrow(
      /^channels\.wechatpay\.wechatpayPublicKeys: /,
    );
    SECRETS.WECHATPAY_SHORT = 'too-short-secret';
    const error = (await channelEntry
      .create(config({ apiV3Key: { env: 'WECHATPAY_SHORT' } }), context())
      .catch((e: Error) => e)) as Error;
    expect(error.message).toBe('channels.wechatpay.apiV3Key: must be the 32-character APIv3 key');
    expect(error.message).not.toContain('too-short-secret');
  });
});

describe('createWechatPayDriver options', () => {
  const options = {
    mchid: '1900000109',
    appid: 'wx8888888888888888',
    merchantSerialNo: 'ABCDEF',
    merchantPrivateKey: merchantKey,
    apiV3Key: 'k'.repeat(32),
    wechatpayPublicKeys: { PUB_KEY_ID_1: platformKey },
  };

  it('refuses each wrong option with a TypeError naming it, never its value', () => {
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ mchid: 'abc' }, /mchid/],
      [{ merchantPrivateKey: 'secret-not-a-pem' }, /merchantPrivateKey must be a PEM private key/],
      [{ merchantPrivateKey: platformKey }, /merchantPrivateKey/],
      [{ apiV2Key: 'secret-too-short' }, /apiV2Key must be the 32-character APIv2 key/],
      [{ wechatpayPublicKeys: {} }, /wechatpayPublicKeys must name at least one key/],
      [{ baseUrl: 'ftp://x' }, /baseUrl must be an absolute http\(s\) URL/],
      [{ toleranceSeconds: 0 }, /toleranceSeconds/],
    ];
    for (const [override, message] of cases) {
      const error = (() => {
        try {
          createWechatPayDriver({ ...options, ...override } as never);
        } catch (caught) {
          return caught as Error;
        }
      })();
      expect(error).toBeInstanceOf(TypeError);
      expect(error?.message).toMatch(message);
      expect(error?.message).not.toMatch(/secret-/);
    }
  });
});
