import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { CoinslotError } from '../errors/coinslot-error.js';
import type { JournalRecord } from '../journal/journal-record.js';
import { createMemoryStorage } from '../storage/memory-storage.js';
import { fakeChannel, testCoinslot } from '../test-support/fake-channel.js';
import { SERVER } from '../test-support/fake-pay-server.js';
import { useFakePayServer } from '../test-support/msw-server.js';

// What resuming a bill or listing a player's bills throws, by bill id or player id; the rest runs for real.
const failures = vi.hoisted(() => new Map<string, unknown>());
vi.mock('./resume-bill.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('./resume-bill.js')>();
  return {
    ...actual,
    resumeBill: (...args: Parameters<typeof actual.resumeBill>) =>
      failures.has(args[1]) ? Promise.reject(failures.get(args[1])) : actual.resumeBill(...args),
  };
});
vi.mock('../client/pay-server-client.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../client/pay-server-client.js')>();
  return {
    ...actual,
    createPayServerClient: (...args: Parameters<typeof actual.createPayServerClient>) => {
      const client = actual.createPayServerClient(...args);
      return {
        ...client,
        listBills: (userId: string, ...rest: [never, AbortSignal]) =>
          failures.has(userId) ? Promise.reject(failures.get(userId)) : client.listBills(userId, ...rest),
      };
    },
  };
});

const { fake, server } = useFakePayServer();

function pendingRecord(billId: string): JournalRecord {
  const bill = {
    id: billId,
    state: 'created',
    appId: 'default',
    userId: 'p',
    itemId: 'gem',
    quantity: 1,
    amount: 1,
    currency: 'USD',
    channel: 'fake',
    createdAt: 1,
    updatedAt: 1,
    expiresAt: 2,
  } as const;
  return {
    v: 1,
    billId,
    server: SERVER,
    userId: 'p',
    channel: 'fake',
    state: 'pending',
    pendingReason: 'network',
    bill,
    createdAt: 1,
    updatedAt: 1,
  };
}

describe('recovery reports each failure as what it is', () => {
  const refused = new CoinslotError('PAY_SERVER_ERROR', 'refused', { retryable: false });
  const bug = new RangeError('Invalid array length');
  const offline = { code: 'NETWORK_ERROR', retryable: true, cause: expect.objectContaining({ name: 'TypeError' }) };
  // A failed fetch is mapped once, by the pay-server client: the network itself fails here, not a mock above it.
  const unreachable = (path: string) => () => void server.use(http.get(`${SERVER}${path}`, () => HttpResponse.error()));

  it.each([
    [
      'a Coinslot error, as it is',
      () => void failures.set('b_x', refused),
      (error: unknown) => expect(error).toBe(refused),
    ],
    [
      'a failed fetch, as a retryable NETWORK_ERROR',
      unreachable('/v1/bills/b_x'),
      (error: unknown) => expect(error).toMatchObject(offline),
    ],
    [
      'anything else, as it was thrown',
      () => void failures.set('b_x', bug),
      (error: unknown) => expect(error).toBe(bug),
    ],
  ])('resuming a bill fails with %s', async (_, arrange, check) => {
    const storage = createMemoryStorage();
    await storage.set('coinslot:bill:b_x', pendingRecord('b_x'));
    arrange();
    const report = await testCoinslot(fake(), [fakeChannel()], {
      storage,
      recoverOnReady: false,
      retryLimit: 0,
    }).recover();
    failures.clear();
    expect(report.bills).toEqual([{ billId: 'b_x', source: 'journal', error: expect.anything() }]);
    check(report.bills[0]?.error);
  });

  it.each([
    [
      'a Coinslot error, as it is',
      () => void failures.set('player-9', refused),
      (error: unknown) => expect(error).toBe(refused),
    ],
    [
      'a failed fetch, as a retryable NETWORK_ERROR',
      unreachable('/v1/bills'),
      (error: unknown) => expect(error).toMatchObject(offline),
    ],
    [
      'anything else, as it was thrown',
      () => void failures.set('player-9', bug),
      (error: unknown) => expect(error).toBe(bug),
    ],
  ])("listing a player's paid bills fails with %s", async (_, arrange, check) => {
    arrange();
    const report = await testCoinslot(fake(), [fakeChannel()], {
      storage: createMemoryStorage(),
      recoverOnReady: false,
      retryLimit: 0,
    }).recover({ userId: 'player-9' });
    failures.clear();
    expect(report.errors).toHaveLength(1);
    check(report.errors[0]);
  });
});
