import { startSteamEmulator, type SteamEmulator } from '@coinslot/testing/emulators';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSteamWebApi, SteamApiError } from '../src/server/index.js';

// The driver's MicroTxn client against the emulator: the documented wire format (form-encoded POST, GET query,
// Steam's JSON envelope), and errors that never carry the key.
let steam: SteamEmulator;
beforeEach(async () => {
  steam = await startSteamEmulator();
});
afterEach(() => steam.close());

const api = (key = steam.publisherKey, iface: 'ISteamMicroTxn' | 'ISteamMicroTxnSandbox' = 'ISteamMicroTxn') =>
  createSteamWebApi({ baseUrl: steam.url, iface, key });

describe('the Steam web API client', () => {
  it('posts the key in the form body, never in a POST’s URL, and reads a Failure as an answer', async () => {
    const answer = await api().finalizeTxn({ orderid: '42', appid: String(steam.appId) });
    expect(answer).toEqual({
      ok: false,
      error: { errorcode: 3, errordesc: 'Invalid parameter: orderid is not an order of this app' },
    });
    expect(steam.calls).toMatchObject([
      { iface: 'ISteamMicroTxn', method: 'FinalizeTxn', verb: 'POST', keyInUrl: false },
    ]);
  });

  it('reads GetReport’s OK envelope', async () => {
    const answer = await api().getReport({
      appid: String(steam.appId),
      type: 'GAMESALES',
      time: '2026-01-01T00:00:00Z',
      maxresults: '10',
    });
    expect(answer).toEqual({ ok: true, params: { count: 0, orders: [] } });
  });

  it('throws a SteamApiError naming the method, not the key, for a refused key (403)', async () => {
    const error = await api('WRONG-KEY-0123456789')
      .queryTxn({ orderid: '1', appid: '480' })
      .catch((e: unknown) => e);
    expect(SteamApiError.isInstance(error)).toBe(true);
    expect((error as SteamApiError).message).toBe('Steam QueryTxn refused the publisher key (403)');
    expect((error as SteamApiError).retryable).toBe(false);
    expect(JSON.stringify(error) + String((error as Error).stack)).not.toContain('WRONG-KEY');
  });

  it('throws a retryable SteamApiError when Steam is down or cuts the connection', async () => {
    steam.failNext('QueryTxn', { httpStatus: 503 });
    steam.failNext('QueryTxn', { hangUp: true });
    for (const expected of ['answered HTTP 503', 'could not be reached']) {
      const error = (await api()
        .queryTxn({ orderid: '1', appid: '480' })
        .catch((e: unknown) => e)) as SteamApiError;
      expect(error.message).toContain(expected);
      expect(error.retryable).toBe(true);
      expect(error.message).not.toContain(steam.publisherKey);
    }
  });

  it('throws when the answer is not Steam’s envelope', async () => {
    const fake = createSteamWebApi({
      baseUrl: 'http://127.0.0.1:9',
      iface: 'ISteamMicroTxn',
      key: 'k'.repeat(32),
      fetch: async () => new Response('{"result":"OK"}', { status: 200 }),
    });
    await expect(fake.queryTxn({ orderid: '1', appid: '480' })).rejects.toThrow(/without a "response" object/);
  });

  it('speaks to the sandbox interface when asked, whose orders are not the live ones', async () => {
    await api(undefined, 'ISteamMicroTxnSandbox').queryTxn({ orderid: '1', appid: String(steam.appId) });
    expect(steam.calls[0]?.iface).toBe('ISteamMicroTxnSandbox');
  });
});
