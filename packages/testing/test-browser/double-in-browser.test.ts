// The pay-server double and the mock channel as a game's browser tests use them: Vitest browser mode in headless
// Chromium, msw's service worker (`setupWorker`) answering the SDK's real fetches, core journaling in the real
// IndexedDB and verifying the double's ES256 results with the browser's WebCrypto. Imports the built packages.
import { createCoinslot, type Coinslot } from '@coinslot/core';
import { createMockChannel, createPayServerDouble, type PayServerDouble } from '@coinslot/testing';
import { setupWorker } from 'msw/browser';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

const worker = setupWorker();
beforeAll(async () => {
  await worker.start({ onUnhandledRequest: 'error', quiet: true });
});
afterAll(() => worker.stop());

let double: PayServerDouble;
let coinslot: Coinslot;
let grants: string[];

beforeEach(async () => {
  double = await createPayServerDouble({ slowMs: 300 });
  worker.use(...double.handlers);
  grants = [];
  coinslot = createCoinslot({
    server: double.url,
    channels: { mock: async () => createMockChannel() },
    trustedKeys: double.publicKeys,
    grant: async ({ bill }) => {
      grants.push(bill.id);
    },
  });
});
afterEach(async () => {
  await coinslot.dispose();
  await double.close();
  worker.resetHandlers();
});

const buy = (itemId = 'gem-pack') =>
  coinslot.purchase({ channel: 'mock', userId: 'p1', itemId, amount: 499, currency: 'USD' });

describe('@coinslot/testing in a browser (msw service worker)', () => {
  it('runs in a real browser, not in Node', () => {
    expect(typeof window).toBe('object');
    expect(navigator.userAgent).toMatch(/Chrome\//);
    expect(navigator.serviceWorker.controller, 'msw worker controls the page').not.toBeNull();
    expect(typeof indexedDB.open).toBe('function');
  });

  it('paid: the signed result is verified, granted once and delivered', async () => {
    double.script('paid');
    const result = await buy();
    expect(result.status).toBe('paid');
    expect(grants).toEqual([result.bill.id]);
    expect(double.bills.get(result.bill.id)?.state).toBe('delivered');
    expect(double.callsTo('POST', '/v1/bills')[0]?.headers['idempotency-key']).toMatch(/\S/);
  });

  it.each(['declined', 'cancelled'] as const)(
    '%s: nothing granted, the bill ends as the script says',
    async (outcome) => {
      double.script(outcome);
      const result = await buy();
      expect(result.status).toBe(outcome);
      expect(grants).toEqual([]);
      expect(double.bills.get(result.bill.id)?.state).toBe(outcome === 'declined' ? 'failed' : 'cancelled');
    },
  );

  it('duplicate: the notification is delivered twice, the item granted once', async () => {
    double.script('duplicate');
    const result = await buy();
    expect(result.status).toBe('paid');
    expect(grants).toEqual([result.bill.id]);
  });

  it('slow: the held wait gets the result when it arrives', async () => {
    double.script('slow');
    const result = await buy();
    expect(result.status).toBe('paid');
    expect(double.callsTo('GET', /\/result/).length).toBeGreaterThanOrEqual(1);
  });

  it('never: the purchase ends pending at its deadline, nothing granted', async () => {
    double.script('never');
    const result = await coinslot.purchase({
      channel: 'mock',
      userId: 'p1',
      itemId: 'gem-pack',
      amount: 499,
      currency: 'USD',
      deadlineMs: 1_500,
    });
    expect(result.status).toBe('pending');
    expect(grants).toEqual([]);
    expect(double.bills.get(result.bill.id)?.state).not.toBe('paid');
  });
});
