import { describe, expect, it } from 'vitest';
import { resolveStripeDriverOptions, type StripeDriverOptions } from './stripe-driver-options.js';

const KEYS = { secretKey: 'sk_test_4eC39HqLyjWDarjtT1zdp7dc', webhookSecret: 'whsec_0123456789abcdefABCDEF' };

describe('createStripeDriver options', () => {
  it('points the stripe library at Stripe by default and at an emulator with apiUrl', () => {
    expect(resolveStripeDriverOptions(KEYS).api).toEqual({ host: 'api.stripe.com', port: 443, protocol: 'https' });
    expect(resolveStripeDriverOptions({ ...KEYS, apiUrl: 'http://127.0.0.1:12111' }).api).toEqual({
      host: '127.0.0.1',
      port: 12111,
      protocol: 'http',
    });
  });

  it.each<[string, Partial<StripeDriverOptions>]>([
    ['secretKey', { secretKey: 'pk_test_4eC39HqLyjWDarjtT1zdp7dc' }],
    ['secretKey', { secretKey: '' }],
    ['webhookSecret', { webhookSecret: 'not-a-whsec-secret' }],
    ['apiUrl', { apiUrl: 'ftp://127.0.0.1' }],
    ['apiUrl', { apiUrl: 'http://127.0.0.1:1/v1' }],
    ['apiUrl', { secretKey: 'sk_live_4eC39HqLyjWDarjtT1zdp7dc', apiUrl: 'http://127.0.0.1:12111' }],
    ['returnUrl', { returnUrl: 'javascript:alert(1)' }],
    ['locale', { locale: 'english please' }],
    ['toleranceSeconds', { toleranceSeconds: 0 }],
    ['timeoutMs', { timeoutMs: 10 }],
  ])('refuses a bad %s with a TypeError that names it and shows no value', (name, change) => {
    const given = { ...KEYS, ...change } as StripeDriverOptions;
    const error = (() => {
      try {
        resolveStripeDriverOptions(given);
      } catch (thrown) {
        return thrown as Error;
      }
    })();
    expect(error).toBeInstanceOf(TypeError);
    expect(error?.message).toContain(`createStripeDriver: ${name} `);
    for (const value of Object.values(given))
      if (typeof value === 'string' && value !== '') expect(error?.message).not.toContain(value);
  });
});
