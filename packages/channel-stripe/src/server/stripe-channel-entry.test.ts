import type { ChannelBuildContext } from '@coinslot/server';
import { describe, expect, it } from 'vitest';
import { channelEntry } from './stripe-channel-entry.js';

const SECRETS: Record<string, string> = {
  STRIPE_SECRET_KEY: 'sk_test_4eC39HqLyjWDarjtT1zdp7dc',
  STRIPE_WEBHOOK_SECRET: 'whsec_0123456789abcdefABCDEF',
  OTHER_KEY: 'sk_test_otherOtherOther000',
};

/** A build context whose secret references are `{ env }` names looked up in {@link SECRETS}. */
function context(read: string[] = []): ChannelBuildContext {
  return {
    mode: 'production',
    field: 'channels.stripe',
    dataDir: undefined,
    returnUrlOrigins: [],
    env: {},
    async secret(value, key) {
      const name = (value as { env?: string }).env;
      read.push(`${key}=${name}`);
      const found = name === undefined ? undefined : SECRETS[name];
      if (found === undefined) throw new Error(`channels.stripe.${key}: no such secret`);
      return found;
    },
  };
}

describe('channels.stripe in the server configuration file', () => {
  it('reads both keys as secrets, from $STRIPE_SECRET_KEY and $STRIPE_WEBHOOK_SECRET unless named', async () => {
    const read: string[] = [];
    const driver = await channelEntry.create({}, context(read));
    expect(driver.id).toBe('stripe');
    expect(read).toEqual(['secretKey=STRIPE_SECRET_KEY', 'webhookSecret=STRIPE_WEBHOOK_SECRET']);
    const named: string[] = [];
    await channelEntry.create(
      { secretKey: { env: 'OTHER_KEY' }, returnUrl: 'https://game.example/shop' },
      context(named),
    );
    expect(named[0]).toBe('secretKey=OTHER_KEY');
  });

  it('is allowed in production (it is a real channel)', () => {
    expect(channelEntry.production).toBe(true);
  });

  it('is what the CLI finds at @coinslot/channel-stripe/server for channels.stripe', async () => {
    const loaded = (await import('@coinslot/channel-stripe/server')) as { channelEntry?: unknown };
    expect(loaded.channelEntry).toBe(channelEntry);
  });

  it.each([
    [{ secretkey: { env: 'OTHER_KEY' } }, 'channels.stripe.secretkey: is not a setting here'],
    [{ returnUrl: 42 }, 'channels.stripe.returnUrl: must be a string'],
    [{ apiUrl: 'not a url' }, 'channels.stripe.apiUrl: must be an absolute http(s) URL'],
    [{ toleranceSeconds: 99_999 }, 'channels.stripe.toleranceSeconds: must be an integer'],
  ])('refuses %j naming the field', async (options, message) => {
    await expect(channelEntry.create(options, context())).rejects.toThrow(message);
  });
});
