import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Coinslot } from '../coinslot.js';
import type { GrantHook } from './grant-hook.js';
import { createMemoryStorage } from '../storage/memory-storage.js';
import { fakeChannel, gemPack, testCoinslot } from '../test-support/fake-channel.js';
import { fakeWebLocks } from '../test-support/fake-web-locks.js';
import { grantSpy, paidChannel, recordOf } from '../test-support/journal-helpers.js';
import { useFakePayServer } from '../test-support/msw-server.js';

const { fake } = useFakePayServer();
const manual = { recoverOnReady: false } as const;

afterEach(() => vi.unstubAllGlobals());

/** A bill the player paid whose result no instance has handled yet (the game had no grant then). */
async function paidBill(): Promise<string> {
  return (await testCoinslot(fake(), [paidChannel(fake())], { ...manual }).purchase(gemPack)).bill.id;
}

/** Two tabs of one game: one journal storage, one grant (the game's items are shared too). */
function twoTabs(grant: ReturnType<typeof grantSpy>, storage = createMemoryStorage()): [Coinslot, Coinslot] {
  return [
    testCoinslot(fake(), [fakeChannel()], { storage, grant, ...manual }),
    testCoinslot(fake(), [fakeChannel()], { storage, grant, ...manual }),
  ];
}

describe('a bill is never granted twice', () => {
  it.each([
    ['the in-realm lock', () => undefined],
    ['navigator.locks', () => vi.stubGlobal('navigator', { locks: fakeWebLocks() })],
  ])('two tabs racing on one paid bill grant it once (%s)', async (_, setUp) => {
    setUp();
    const billId = await paidBill();
    const grant = grantSpy(() => new Promise((resolve) => setTimeout(resolve, 20)));
    const [tabA, tabB] = twoTabs(grant);
    const results = await Promise.all([tabA.resume(billId), tabB.resume(billId), tabA.recover(), tabB.recover()]);
    expect(grant).toHaveBeenCalledOnce();
    expect(results.slice(0, 2)).toEqual([
      expect.objectContaining({ status: 'paid', granted: true, delivered: true }),
      expect.objectContaining({ status: 'paid', granted: true, delivered: true }),
    ]);
    expect([results[0].grantedHere, results[1].grantedHere].sort()).toEqual([false, true]); // the tab that won the lock
    expect(fake().requestsTo('POST', `/v1/bills/${billId}/deliver`).length).toBeGreaterThanOrEqual(1);
    expect(fake().bills.get(billId)?.state).toBe('delivered');
  });

  it('two tabs recovering one paid bill: both report it granted, and grantedHere names the one that ran the grant', async () => {
    const storage = createMemoryStorage();
    const failing = grantSpy(() => Promise.reject(new Error('inventory save failed')));
    const { bill } = await testCoinslot(fake(), [paidChannel(fake())], { storage, grant: failing, ...manual }).purchase(
      gemPack,
    );
    expect(await recordOf(storage, bill.id)).toMatchObject({ state: 'paid' }); // in the journal, not granted yet
    const grant = grantSpy(() => new Promise((resolve) => setTimeout(resolve, 20)));
    const reports = await Promise.all(twoTabs(grant, storage).map((tab) => tab.recover()));
    const results = reports.map((report) => report.bills.find((b) => b.billId === bill.id)?.result);
    expect(results).toEqual([
      expect.objectContaining({ status: 'paid', granted: true, delivered: true }),
      expect.objectContaining({ status: 'paid', granted: true, delivered: true }),
    ]);
    expect(results.map((result) => result?.grantedHere).sort()).toEqual([false, true]);
    expect(grant).toHaveBeenCalledOnce();
  });

  it('duplicate results for one bill (a retry, a replayed answer, a second resume) grant once', async () => {
    const grant = grantSpy();
    const granted = vi.fn();
    const coinslot = testCoinslot(fake(), [paidChannel(fake())], { grant, ...manual });
    coinslot.on('bill-granted', granted);
    const first = await coinslot.purchase(gemPack);
    const again = await Promise.all([coinslot.resume(first.bill.id), coinslot.resume(first.bill.id)]);
    const later = await coinslot.resume(first.bill.id);
    expect(grant).toHaveBeenCalledOnce();
    expect(granted).toHaveBeenCalledOnce();
    for (const result of [first, ...again, later])
      expect(result).toMatchObject({ status: 'paid', granted: true, delivered: true });
    expect([first, ...again, later].map((result) => result.grantedHere)).toEqual([true, false, false, false]);
  });

  it('never grants a bill the server has delivered, even with no journal record (another device delivered it)', async () => {
    const billId = await paidBill();
    await testCoinslot(fake(), [fakeChannel()], { ...manual }).deliver(billId);
    const grant = grantSpy();
    const result = await testCoinslot(fake(), [fakeChannel()], { grant, ...manual }).resume(billId);
    expect(grant).not.toHaveBeenCalled();
    expect(result).toMatchObject({ status: 'paid', granted: true, grantedHere: false, delivered: true });
  });

  it('re-reads the server inside the lock: a bill delivered between its result and the grant is not granted', async () => {
    const billId = await paidBill();
    const grant = grantSpy();
    const [tabA] = twoTabs(grant);
    tabA.on('bill-paid', () => void (fake().bills.get(billId)!.state = 'delivered')); // another device delivered it just now
    expect(await tabA.resume(billId)).toMatchObject({ status: 'paid', granted: true, delivered: true });
    expect(grant).not.toHaveBeenCalled();
  });

  it('a grant that throws leaves the bill paid, emits grant-failed, and the next recovery grants it', async () => {
    const storage = createMemoryStorage();
    const failed = vi.fn();
    let attempts = 0;
    const grant = grantSpy(() => {
      attempts += 1;
      if (attempts === 1) throw new Error('inventory save failed');
    });
    const coinslot = testCoinslot(fake(), [paidChannel(fake())], { storage, grant, ...manual });
    coinslot.on('grant-failed', failed);
    const result = await coinslot.purchase(gemPack);
    expect(result).toMatchObject({ status: 'paid', granted: false, grantedHere: false, delivered: false });
    expect(failed).toHaveBeenCalledExactlyOnceWith({
      bill: expect.objectContaining({ id: result.bill.id }),
      error: expect.objectContaining({ message: 'inventory save failed' }),
    });
    expect(await recordOf(storage, result.bill.id)).toMatchObject({ state: 'paid' });
    const report = await coinslot.recover();
    expect(report.bills[0]?.result).toMatchObject({ granted: true, grantedHere: true, delivered: true });
    expect(grant).toHaveBeenCalledTimes(2);
  });
});

describe('bill-granted says whether the grant applied the bill now', () => {
  it.each<[string, boolean, GrantHook]>([
    ['nothing', true, async () => undefined],
    ['true', true, async () => true],
    ['a response', true, async () => ({ ok: true })],
    ['0', true, async () => 0],
    ['false (already applied)', false, async () => false],
    ['false, synchronously', false, () => false],
  ])(
    'a grant that resolves %s: applied %s; the bill is granted and delivered all the same',
    async (_, applied, grant) => {
      const storage = createMemoryStorage();
      const granted = vi.fn();
      const coinslot = testCoinslot(fake(), [paidChannel(fake())], { storage, grant, ...manual });
      coinslot.on('bill-granted', granted);
      const result = await coinslot.purchase(gemPack);
      expect(granted).toHaveBeenCalledExactlyOnceWith({
        bill: expect.objectContaining({ id: result.bill.id }),
        applied,
      });
      expect(result).toMatchObject({ status: 'paid', granted: true, grantedHere: true, delivered: true }); // it ran here
      expect(await recordOf(storage, result.bill.id)).toMatchObject({
        state: 'delivered',
        grantedAt: expect.any(Number),
      });
      expect(fake().bills.get(result.bill.id)?.state).toBe('delivered');
    },
  );
});
