import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CLIENT_ERROR_CODES, CoinslotError, createCoinslot, createMemoryStorage, PayServerError } from '../index.js';
import type { CoinslotErrorCode } from '../index.js';
import { fakeChannel, gemPack, testCoinslot } from '../test-support/fake-channel.js';
import { SERVER } from '../test-support/fake-pay-server.js';
import { failingStorage } from '../test-support/journal-helpers.js';
import { useFakePayServer } from '../test-support/msw-server.js';
import { createResultSigner, resultPayload } from '../test-support/result-signer.js';

// Every code core declares is one an app can meet: each is provoked here through the public API only (createCoinslot
// and the instance's purchase, resume, deliver, recover, dispose), on the fake pay server and fake channels. A code
// no scenario can provoke would be a code no app ever sees, and its docs/errors page would mislead.
const { server, fake } = useFakePayServer();

/** The error a call threw or rejected with. */
async function errorOf(call: () => unknown): Promise<unknown> {
  try {
    await call();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail, and it succeeded');
}

interface Scenario {
  /** What the app does, for the test's name. */
  does: string;
  provoke(): Promise<unknown>;
  /** What else the scenario must show beyond the code. */
  also?(error: CoinslotError): void;
}

const POPUP = { platforms: ['web'], presentations: ['popup'], needsUserGesture: true } as const;

/** One scenario per code; typed by the code union, so a new code without a scenario does not compile. */
const SCENARIOS: Record<CoinslotErrorCode, Scenario> = {
  INVALID_OPTIONS: {
    does: 'createCoinslot without a server',
    provoke: () => errorOf(() => createCoinslot({ channels: {} } as never)),
    also: (error) => expect(error.message).toMatch(/server/),
  },
  INVALID_REQUEST: {
    does: 'purchase with a fractional amount, before any request',
    provoke: () => errorOf(() => testCoinslot(fake(), [fakeChannel()]).purchase({ ...gemPack, amount: 4.99 })),
    also: () => expect(fake().requests).toHaveLength(0),
  },
  CHANNEL_UNAVAILABLE: {
    does: 'purchase on a channel the app did not configure',
    provoke: () => errorOf(() => testCoinslot(fake(), [fakeChannel()]).purchase({ ...gemPack, channel: 'paypal' })),
    also: (error) => expect(error.message).toMatch(/Ready channels: fake/),
  },
  CHANNEL_LAUNCH_FAILED: {
    does: "purchase whose adapter's pay() throws",
    provoke: () =>
      errorOf(() => testCoinslot(fake(), [fakeChannel(() => Promise.reject(new Error('blocked')))]).purchase(gemPack)),
    also: (error) => expect(error.cause).toMatchObject({ message: 'blocked' }),
  },
  NETWORK_ERROR: {
    does: 'purchase while the pay server cannot be reached (fetch fails)',
    provoke: () => {
      server.use(http.post(`${SERVER}/v1/bills`, () => HttpResponse.error()));
      return errorOf(() => testCoinslot(fake(), [fakeChannel()], { retryLimit: 0 }).purchase(gemPack));
    },
    also: (error) =>
      expect(error).toMatchObject({ retryable: true, cause: expect.objectContaining({ name: 'TypeError' }) }),
  },
  PAY_SERVER_ERROR: {
    does: 'deliver a bill the pay server does not know (404 BILL_NOT_FOUND)',
    provoke: () => errorOf(() => testCoinslot(fake(), [fakeChannel()]).deliver('b_unknown')),
    also: (error) => expect(PayServerError.isInstance(error) && error.serverCode).toBe('BILL_NOT_FOUND'),
  },
  RESULT_REJECTED: {
    does: 'purchase whose result is signed with a key the app does not trust',
    provoke: async () => {
      const forger = await createResultSigner('ES256', fake().signer.publicKey.kid);
      fake().signResult = (bill, nonce) =>
        forger.sign(resultPayload({ billId: bill.id, nonce, kid: forger.publicKey.kid }));
      const paid = fakeChannel(async (ctx) => (fake().settle(ctx.bill.id, 'paid'), { kind: 'launched' }));
      return errorOf(() => testCoinslot(fake(), [paid]).purchase(gemPack));
    },
  },
  ABORTED: {
    does: 'purchase with an already aborted signal',
    provoke: () => {
      const signal = AbortSignal.abort('player left');
      return errorOf(() => testCoinslot(fake(), [fakeChannel()]).purchase({ ...gemPack, signal }));
    },
    also: (error) => expect(error.cause).toBe('player left'),
  },
  DISPOSED: {
    does: 'dispose() while a purchase waits for its result',
    provoke: async () => {
      const coinslot = testCoinslot(fake(), [fakeChannel()]);
      const purchase = errorOf(() => coinslot.purchase(gemPack));
      await expect.poll(() => fake().requestsTo('GET', /\/result$/).length).toBeGreaterThan(0);
      await coinslot.dispose();
      return purchase;
    },
  },
  JOURNAL_FAILED: {
    does: 'purchase when the journal storage cannot be written; the bill is cancelled',
    provoke: () => {
      const storage = failingStorage(createMemoryStorage(), () => true);
      return errorOf(() => testCoinslot(fake(), [fakeChannel()], { storage }).purchase(gemPack));
    },
    also: () => expect([...fake().bills.values()].map((bill) => bill.state)).toEqual(['cancelled']),
  },
  USER_ACTIVATION_REQUIRED: {
    does: 'purchase on a popup channel in a page without user activation; the bill is kept, created',
    provoke: async () => {
      const open = vi.fn();
      vi.stubGlobal('window', { open });
      vi.stubGlobal('navigator', { userActivation: { isActive: false } });
      const coinslot = testCoinslot(fake(), [fakeChannel(undefined, { capabilities: POPUP })], { platform: 'web' });
      await coinslot.ready();
      const error = await errorOf(() => coinslot.purchase(gemPack));
      expect(open).not.toHaveBeenCalled();
      return error;
    },
    also: (error) => {
      const [bill] = fake().bills.values();
      expect(error).toMatchObject({ billId: bill?.id, safeToShow: true, retryable: true });
      expect(bill?.state).toBe('created');
    },
  },
  PURCHASE_IN_PROGRESS: {
    does: "a second purchase on a popup channel while the first one's checkout window is open",
    provoke: async () => {
      const popup = { closed: false, close: vi.fn(), location: { replace: vi.fn() } };
      vi.stubGlobal('window', { open: vi.fn(() => popup) });
      const channel = fakeChannel(() => new Promise(() => undefined), { capabilities: POPUP });
      const coinslot = testCoinslot(fake(), [channel], { platform: 'web' });
      await coinslot.ready();
      void coinslot.purchase(gemPack).catch(() => undefined);
      await expect.poll(() => channel.pay.mock.calls.length).toBe(1);
      const error = await errorOf(() => coinslot.purchase(gemPack));
      await coinslot.dispose();
      return error;
    },
    also: (error) => {
      expect([...fake().bills.keys()]).toEqual([error.billId]);
      expect(error.message).toContain(error.billId);
    },
  },
};

describe('CLIENT_ERROR_CODES, each provoked through the public API', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('has a scenario for every code and none for a code that does not exist', () => {
    expect(Object.keys(SCENARIOS).sort()).toEqual([...CLIENT_ERROR_CODES].sort());
  });

  for (const code of CLIENT_ERROR_CODES) {
    const scenario = SCENARIOS[code];
    it(`${code}: ${scenario.does}`, async () => {
      const error = await scenario.provoke();
      expect(CoinslotError.isInstance(error), String(error)).toBe(true);
      expect(error).toMatchObject({ code });
      scenario.also?.(error as CoinslotError);
    });
  }
});
