import { describe, expect, it } from 'vitest';
import type { CoinslotOptions } from './coinslot-options.js';
import { createCoinslot } from './create-coinslot.js';
import { assertBillId } from './internal/rules.js';
import { validatePurchaseRequest } from './purchase/purchase-request.js';
import { createMemoryStorage } from './storage/memory-storage.js';
import { validateOptions } from './validate-options.js';

// Every rule of the three validators, one bad value each: the error's code, and a message naming what is wrong.
const key = { kid: 'k1', alg: 'ES256', kty: 'EC', crv: 'P-256', x: 'x', y: 'y' };
const goodOptions: CoinslotOptions = {
  server: 'https://pay.example.com',
  channels: {
    sandbox: async () => ({}) as never,
    'steam-2': { package: '@acme/steam', load: async () => ({}) as never },
  },
  channelOptions: { sandbox: {} },
  trustedKeys: [key as never],
  appVersion: '',
  platform: 'web',
  defaultDeadlineMs: 1,
  waitSeconds: 25,
  retryLimit: 0,
  logger: { debug() {}, warn() {}, error() {} },
  fetch: globalThis.fetch,
  storage: createMemoryStorage(),
  fulfilment: 'client',
  grant: () => undefined,
  revoke: () => undefined,
  getPlayerToken: () => 'token',
  userId: ['a', 'b'],
  recoverOnReady: false,
};
const goodRequest = {
  channel: 'sandbox',
  userId: 'p',
  itemId: 'gem',
  quantity: 10_000,
  amount: 0,
  currency: 'USD',
  passThrough: '',
  extra: { a: 1 },
  deadlineMs: 0.5,
  signal: new AbortController().signal,
};

const options: Array<[string, Record<string, unknown>, RegExp]> = [
  ['no server', { server: undefined }, /server must be an absolute https URL/],
  ['a relative server', { server: '/pay' }, /server must be an absolute https URL/],
  ['an ftp server', { server: 'ftp://pay.test' }, /server must be an absolute https URL/],
  ...[
    'http://pay.example.com',
    'http://localhost.evil.test',
    'http://127.0.0.1.evil.test',
    'http://localhost@evil.test',
    'http://10.0.0.7:8787',
  ].map((server): [string, Record<string, unknown>, RegExp] => [
    `plain http to ${server} without trustedKeys`,
    { server, trustedKeys: undefined },
    /server must be an absolute https URL, e\.g\. https:\/\/pay\.example\.com \(http only on this machine, or with trustedKeys pinning the keys of its GET \/v1\/keys\)/,
  ]),
  ['no channels', { channels: undefined }, /channels must be an object of loaders keyed by channel id/],
  [
    'a bad channel id',
    { channels: { Sandbox: async () => ({}) } },
    /channel id "Sandbox" must be lower-case letters, digits and dashes/,
  ],
  ['a loader that is not one', { channels: { x: 'pkg' } }, /channels\.x must be a loader/],
  ['an object loader without load', { channels: { x: { package: 'pkg' } } }, /channels\.x must be a loader/],
  [
    'channelOptions that are not an object',
    { channelOptions: [] },
    /channelOptions must be an object keyed by channel id/,
  ],
  ['an empty trustedKeys', { trustedKeys: [] }, /trustedKeys must be a non-empty list of public JWKs/],
  ['a key without kid', { trustedKeys: [{ alg: 'ES256' }] }, /trustedKeys must be a non-empty list of public JWKs/],
  ['an HMAC key', { trustedKeys: [{ kid: 'k', alg: 'HS256' }] }, /trustedKeys must be a non-empty list of public JWKs/],
  ['an unknown platform', { platform: 'ios' }, /platform must be one of web, electron-renderer, electron-main, node/],
  ['waitSeconds 0', { waitSeconds: 0 }, /waitSeconds must be an integer from 1 to 25/],
  ['waitSeconds 1.5', { waitSeconds: 1.5 }, /waitSeconds must be an integer from 1 to 25/],
  ['defaultDeadlineMs 0', { defaultDeadlineMs: 0 }, /defaultDeadlineMs must be a positive number/],
  ['defaultDeadlineMs Infinity', { defaultDeadlineMs: Infinity }, /defaultDeadlineMs must be a positive number/],
  ['retryLimit 11', { retryLimit: 11 }, /retryLimit must be an integer from 0 to 10/],
  ['a fetch that is not a function', { fetch: 'fetch' }, /fetch must be a function/],
  [
    'an appVersion of 65 characters',
    { appVersion: 'x'.repeat(65) },
    /appVersion must be a string of at most 64 characters/,
  ],
  [
    'a storage without batch',
    { storage: { ...createMemoryStorage(), batch: undefined } },
    /storage must be a JournalStorage with get, set, delete, list, batch/,
  ],
  ['a grant that is not a function', { grant: true }, /grant must be a function/],
  ['an unknown fulfilment', { fulfilment: 'backend' }, /fulfilment must be 'client' or 'server'/],
  [
    'a grant with server fulfilment',
    { fulfilment: 'server' },
    /grant must be a function .* \(none with fulfilment: 'server'\)/,
  ],
  [
    'a revoke with server fulfilment',
    { fulfilment: 'server', grant: undefined },
    /revoke must be a function .* \(none with fulfilment: 'server'\)/,
  ],
  ['a revoke that is not a function', { revoke: 'yes' }, /revoke must be a function/],
  ['a getPlayerToken that is not a function', { getPlayerToken: 'eyJ…' }, /getPlayerToken must be a function/],
  ['an empty userId', { userId: '' }, /userId must be a string of 1–128 characters or a list of at most 20 of them/],
  [
    '21 userIds',
    { userId: Array.from({ length: 21 }, (_, i) => `p${i}`) },
    /userId must be a string of 1–128 characters or a list/,
  ],
  ['recoverOnReady as a string', { recoverOnReady: 'yes' }, /recoverOnReady must be a boolean/],
];

const requests: Array<[string, Record<string, unknown>, RegExp]> = [
  ['a misspelt field', { ammount: 1 }, /unknown field "ammount"/],
  ['an upper-case channel', { channel: 'Sandbox' }, /channel must be a channel id/],
  ['an empty userId', { userId: '' }, /userId must be a string of 1–128 characters/],
  ['a long itemId', { itemId: 'x'.repeat(129) }, /itemId must be a string of 1–128 characters/],
  ['quantity 0', { quantity: 0 }, /quantity must be an integer from 1 to 10000/],
  ['a fractional amount', { amount: 4.99 }, /amount must be an integer from 0 to 10\^12/],
  ['a negative amount', { amount: -1 }, /amount must be an integer from 0 to 10\^12/],
  ['a lower-case currency', { currency: 'usd' }, /currency must be an ISO 4217 code/],
  ['a long passThrough', { passThrough: 'x'.repeat(1025) }, /passThrough must be a string of at most 1024 characters/],
  ['an oversized extra', { extra: { blob: 'x'.repeat(5000) } }, /extra must be a JSON object of at most 4096 bytes/],
  ['an extra that is a list', { extra: [] }, /extra must be a JSON object/],
  [
    'an extra with a cycle',
    {
      extra: (() => {
        const a: Record<string, unknown> = {};
        a.a = a;
        return a;
      })(),
    },
    /extra must be a JSON object/,
  ],
  ['deadlineMs 0', { deadlineMs: 0 }, /deadlineMs must be a positive number/],
  ['a signal that is not one', { signal: {} }, /signal must be an AbortSignal/],
];

describe('createCoinslot options', () => {
  it('accepts every option at its edge', () => {
    expect(() => validateOptions(goodOptions)).not.toThrow();
    expect(() => validateOptions({ server: 'http://127.0.0.1:8787', channels: {} })).not.toThrow();
  });

  it('accepts plain http without trustedKeys only to this machine, and anywhere with them', () => {
    for (const server of [
      'http://localhost:8787',
      'http://127.0.0.1',
      'http://127.1.2.3:1',
      'http://[::1]:8787',
      'HTTP://LOCALHOST/pay/',
    ]) {
      expect(() => validateOptions({ server, channels: {} })).not.toThrow();
    }
    expect(() =>
      validateOptions({ server: 'http://pay.example.com', channels: {}, trustedKeys: [key as never] }),
    ).not.toThrow();
  });

  it.each(options)('refuses %s with INVALID_OPTIONS naming it', (_, change, message) => {
    expect(() => validateOptions({ ...goodOptions, ...change })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTIONS', message: expect.stringMatching(message) }),
    );
  });

  it('refuses options that are not an object', () => {
    expect(() => validateOptions('https://pay.example.com')).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTIONS', message: expect.stringMatching(/options must be an object/) }),
    );
  });
});

describe('purchase requests and bill ids', () => {
  it('accepts every field at its edge', () => {
    expect(validatePurchaseRequest(goodRequest)).toBeUndefined();
    expect(
      validatePurchaseRequest({ channel: 'a', userId: 'p', itemId: 'i', amount: 1e12, currency: 'EUR' }),
    ).toBeUndefined();
  });

  it.each(requests)('refuses %s with INVALID_REQUEST naming it', (_, change, message) => {
    expect(validatePurchaseRequest({ ...goodRequest, ...change })).toMatchObject({
      code: 'INVALID_REQUEST',
      message: expect.stringMatching(message),
    });
  });

  it('refuses a request that is not an object, and bill ids outside the protocol syntax', () => {
    expect(validatePurchaseRequest(null)).toMatchObject({
      code: 'INVALID_REQUEST',
      message: expect.stringMatching(/must be an object/),
    });
    expect(() => assertBillId('b_01JD-x')).not.toThrow();
    for (const bad of ['', 'b 1', 'x'.repeat(65), 42])
      expect(() => assertBillId(bad)).toThrow(expect.objectContaining({ code: 'INVALID_REQUEST' }));
  });
});

describe('recover options', () => {
  it.each([
    [{ userId: 42 }, /Invalid recover options: userId must be a string of 1–128 characters or a list/],
    [{ deadlineMs: 0 }, /Invalid recover options: deadlineMs must be a positive number/],
  ])('refuses %j with INVALID_REQUEST before any request', async (bad, message) => {
    const coinslot = createCoinslot({ server: 'https://pay.example.com', channels: {}, recoverOnReady: false });
    await expect(coinslot.recover(bad as never)).rejects.toMatchObject({
      code: 'INVALID_REQUEST',
      message: expect.stringMatching(message),
    });
  });
});
