import { describe, expect, it, vi } from 'vitest';
import { CoinslotError } from '../errors/coinslot-error.js';
import type { JournalRecord } from '../journal/journal-record.js';
import { createMemoryStorage } from '../storage/memory-storage.js';
import { fakeChannel, testCoinslot } from '../test-support/fake-channel.js';
import { SERVER } from '../test-support/fake-pay-server.js';
import { useFakePayServer } from '../test-support/msw-server.js';

// What resuming a bill or listing a player's bills throws, by bill id or player id; the rest runs for real.
const failures = vi.hoisted(() => new Map<string, unknown>());
vi.mock('../purchase/resume-bill.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../purchase/resume-bill.js')>();
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
      return { ...client, listBills: (userId: string, ...rest: [never, AbortSignal]) => (failures.has(userId) ? Promise.reject(failures.get(userId)) : client.listBills(userId, ...rest)) };
    },
  };
});

const { fake } = useFakePayServer();

function pendingRecord(billId: string): JournalRecord {
  const bill = { id: billId, state: 'created', userId: 'p', itemId: 'gem', quantity: 1, amount: 1, currency: 'USD', channel: 'fake', createdAt: 1, updatedAt: 1, expiresAt: 2 } as const;
  return { v: 1, billId, server: SERVER, userId: 'p', channel: 'fake', state: 'pending', pendingReason: 'network', bill, createdAt: 1, updatedAt: 1 };
}

describe('recovery reports each failure as what it is', () => {
  const refused = new CoinslotError('PAY_SERVER_ERROR', 'refused', { retryable: false });
  const offline = new TypeError('Failed to fetch');
  const bug = new RangeError('Invalid array length');

  it.each([
    ['a Coinslot error, as it is', refused, (error: unknown) => expect(error).toBe(refused)],
    ['a failed fetch, as a retryable NETWORK_ERROR', offline, (error: unknown) => expect(error).toMatchObject({ code: 'NETWORK_ERROR', retryable: true, cause: offline })],
    ['anything else, as it was thrown', bug, (error: unknown) => expect(error).toBe(bug)],
  ])('resuming a bill fails with %s', async (_, thrown, check) => {
    const storage = createMemoryStorage();
    await storage.set('coinslot:bill:b_x', pendingRecord('b_x'));
    failures.set('b_x', thrown);
    const report = await testCoinslot(fake(), [fakeChannel()], { storage, recoverOnReady: false }).recover();
    failures.clear();
    expect(report.bills).toEqual([{ billId: 'b_x', source: 'journal', error: expect.anything() }]);
    check(report.bills[0]?.error);
  });

  it.each([
    ['a Coinslot error, as it is', refused, (error: unknown) => expect(error).toBe(refused)],
    ['a failed fetch, as a retryable NETWORK_ERROR', offline, (error: unknown) => expect(error).toMatchObject({ code: 'NETWORK_ERROR', retryable: true, cause: offline })],
    ['anything else, as it was thrown', bug, (error: unknown) => expect(error).toBe(bug)],
  ])("listing a player's paid bills fails with %s", async (_, thrown, check) => {
    failures.set('player-9', thrown);
    const report = await testCoinslot(fake(), [fakeChannel()], { storage: createMemoryStorage(), recoverOnReady: false }).recover({ userId: 'player-9' });
    failures.clear();
    expect(report.errors).toHaveLength(1);
    check(report.errors[0]);
  });
});
