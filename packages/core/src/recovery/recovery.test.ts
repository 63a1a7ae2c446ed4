import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { createGrantLedger } from '../deliver/grant-ledger.js';
import type { GrantOffer } from '../deliver/grant-hook.js';
import { createMemoryStorage } from '../storage/memory-storage.js';
import type { JournalStorage } from '../storage/journal-storage.js';
import { fakeChannel, gemPack, testCoinslot } from '../test-support/fake-channel.js';
import { SERVER } from '../test-support/fake-pay-server.js';
import { grantSpy, paidChannel, recordOf, snapshot } from '../test-support/journal-helpers.js';
import { useFakePayServer } from '../test-support/msw-server.js';

const { fake, server } = useFakePayServer();
const manual = { recoverOnReady: false } as const;

/** Run a purchase until its channel launched, then "crash": answers the journal as the disk held it then. */
async function crashAfterLaunch(): Promise<{ disk: JournalStorage; billId: string }> {
  const storage = createMemoryStorage();
  let disk: JournalStorage | undefined;
  const channel = fakeChannel(async () => {
    disk = await snapshot(storage);
    return { kind: 'launched' };
  });
  const before = testCoinslot(fake(), [channel], { storage, grant: grantSpy() });
  const purchase = before.purchase(gemPack).catch(() => undefined);
  await vi.waitFor(() => expect(disk).toBeDefined());
  await before.dispose();
  await purchase;
  return { disk: disk!, billId: [...fake().bills.keys()][0]! };
}

describe('recovery', () => {
  it('after a crash, a new instance over the same journal grants the bill exactly once and delivers it', async () => {
    const { disk, billId } = await crashAfterLaunch();
    expect(await recordOf(disk, billId)).toMatchObject({ state: 'created' });
    fake().settle(billId, 'paid'); // the player paid while the game was down
    const grant = grantSpy();
    const after = testCoinslot(fake(), [fakeChannel()], { storage: disk, grant, ...manual });
    const report = await after.recover();
    expect(report).toEqual({
      errors: [],
      bills: [
        {
          billId,
          source: 'journal',
          result: expect.objectContaining({ status: 'paid', granted: true, delivered: true }),
        },
      ],
    });
    expect(grant).toHaveBeenCalledExactlyOnceWith({
      billId,
      bill: expect.objectContaining({ id: billId, itemId: 'gem-pack-small' }),
    });
    expect(fake().bills.get(billId)?.state).toBe('delivered');
    expect(await after.recover()).toEqual({ bills: [], errors: [] });
    expect(grant).toHaveBeenCalledOnce();
  });

  it('starts by itself on ready(), once the channels are resolved', async () => {
    const { disk, billId } = await crashAfterLaunch();
    fake().settle(billId, 'paid');
    const grant = grantSpy();
    const granted = vi.fn();
    const after = testCoinslot(fake(), [fakeChannel()], { storage: disk, grant });
    after.on('bill-granted', granted);
    await after.ready();
    await vi.waitFor(() => expect(fake().bills.get(billId)?.state).toBe('delivered'));
    expect(grant).toHaveBeenCalledOnce();
    expect(granted).toHaveBeenCalledExactlyOnceWith({ bill: expect.objectContaining({ id: billId }), applied: true });
  });

  it("emits recovery-finished with its report after every run: ready()'s in the background, then each recover()", async () => {
    const { disk, billId } = await crashAfterLaunch();
    fake().settle(billId, 'paid');
    const finished = vi.fn();
    const after = testCoinslot(fake(), [fakeChannel()], { storage: disk, grant: grantSpy() });
    after.on('recovery-finished', finished);
    await after.ready();
    await vi.waitFor(() => expect(finished).toHaveBeenCalledOnce());
    expect(finished).toHaveBeenCalledWith({
      errors: [],
      bills: [
        {
          billId,
          source: 'journal',
          result: expect.objectContaining({ status: 'paid', granted: true, delivered: true }),
        },
      ],
    });

    const report = await after.recover(); // found nothing: still reported
    expect(report).toEqual({ bills: [], errors: [] });
    expect(finished).toHaveBeenCalledTimes(2);
    expect(finished.mock.lastCall?.[0]).toBe(report);
    await expect(after.recover({ userId: '' })).rejects.toMatchObject({ code: 'INVALID_REQUEST' });
    expect(finished).toHaveBeenCalledTimes(2);
  });

  it('emits recovery-finished from ready() when the journal holds nothing, with what it could not check', async () => {
    server.use(
      http.get(`${SERVER}/v1/bills`, () =>
        HttpResponse.json({ error: { code: 'INTERNAL', message: 'x', retryable: false } }, { status: 500 }),
      ),
    );
    const finished = vi.fn();
    const coinslot = testCoinslot(fake(), [fakeChannel()], {
      storage: createMemoryStorage(),
      grant: grantSpy(),
      userId: 'player-42',
      retryLimit: 0,
    });
    coinslot.on('recovery-finished', finished);
    await coinslot.ready();
    await vi.waitFor(() =>
      expect(finished).toHaveBeenCalledExactlyOnceWith({
        bills: [],
        errors: [expect.objectContaining({ code: 'PAY_SERVER_ERROR', serverCode: 'INTERNAL' })],
      }),
    );
  });

  it('after a crash between grant and delivery, delivers without granting again', async () => {
    const storage = createMemoryStorage();
    let disk: JournalStorage | undefined;
    const before = testCoinslot(fake(), [paidChannel(fake())], { storage, grant: grantSpy() });
    before.on('bill-granted', () => void snapshot(storage).then((copy) => (disk = copy)));
    const { bill } = await before.purchase(gemPack);
    fake().bills.get(bill.id)!.state = 'paid'; // the delivery never reached the server
    expect(await recordOf(disk!, bill.id)).toMatchObject({ state: 'granted' });

    const grant = grantSpy();
    const report = await testCoinslot(fake(), [fakeChannel()], { storage: disk!, grant, ...manual }).recover();
    expect(grant).not.toHaveBeenCalled();
    expect(report.bills[0]?.result).toMatchObject({ granted: true, grantedHere: false, delivered: true }); // granted before the crash
    expect(fake().bills.get(bill.id)?.state).toBe('delivered');
  });

  it("after a crash between the game's write and core's journal write, offers again and the ledger absorbs it", async () => {
    const addGems = (storage: JournalStorage) => {
      const ledger = createGrantLedger(storage);
      return (offer: GrantOffer) =>
        ledger.grantOnce(offer.billId, async (tx) =>
          tx.set('inventory:gems', Number((await tx.get('inventory:gems')) ?? 0) + 100),
        );
    };
    const storage = createMemoryStorage();
    let disk: JournalStorage | undefined;
    const before = testCoinslot(fake(), [paidChannel(fake())], {
      storage,
      grant: async (offer) => {
        await addGems(storage)(offer);
        disk = await snapshot(storage); // the process dies right here
      },
    });
    const { bill } = await before.purchase(gemPack);
    fake().bills.get(bill.id)!.state = 'paid';
    expect(await recordOf(disk!, bill.id)).toMatchObject({ state: 'paid' });

    const offered = vi.fn(addGems(disk!));
    const granted = vi.fn();
    const after = testCoinslot(fake(), [fakeChannel()], { storage: disk!, grant: offered, ...manual });
    after.on('bill-granted', granted);
    await after.recover();
    expect(offered).toHaveBeenCalledOnce(); // offered again: the documented window
    expect(await disk!.get('inventory:gems')).toBe(100); // granted once all the same
    expect(granted).toHaveBeenCalledExactlyOnceWith({ bill: expect.objectContaining({ id: bill.id }), applied: false }); // grantOnce said false
    expect(fake().bills.get(bill.id)?.state).toBe('delivered');
  });

  it("finds a paid bill in the server's list when the journal was wiped, and grants it once", async () => {
    const { bill } = await testCoinslot(fake(), [paidChannel(fake())]).purchase(gemPack); // crashed before granting
    const grant = grantSpy();
    const fresh = testCoinslot(fake(), [fakeChannel()], {
      storage: createMemoryStorage(),
      grant,
      userId: 'player-42',
      ...manual,
    });
    const report = await fresh.recover();
    expect(fake().requestsTo('GET', '/v1/bills')[0]?.search.toString()).toBe('user=player-42&state=paid');
    expect(report.bills).toEqual([
      { billId: bill.id, source: 'server', result: expect.objectContaining({ granted: true, delivered: true }) },
    ]);
    expect(grant).toHaveBeenCalledOnce();
    expect(await fresh.recover({ userId: ['player-42', 'player-7'] })).toEqual({ bills: [], errors: [] });
  });

  it('without grant, announces each paid-but-undelivered bill with bill-recovered and leaves delivery to the game', async () => {
    const { bill } = await testCoinslot(fake(), [paidChannel(fake())]).purchase(gemPack);
    const recovered = vi.fn();
    const coinslot = testCoinslot(fake(), [fakeChannel()], { ...manual });
    coinslot.on('bill-recovered', recovered);
    const report = await coinslot.recover({ userId: 'player-42' });
    expect(recovered).toHaveBeenCalledExactlyOnceWith({
      billId: bill.id,
      bill: expect.objectContaining({ id: bill.id, state: 'paid' }),
    });
    expect(report.bills[0]?.result).toMatchObject({
      status: 'paid',
      granted: false,
      grantedHere: false,
      delivered: false,
    });
    expect(fake().bills.get(bill.id)?.state).toBe('paid');
  });

  it('reports a listing that failed and still recovers the journal; refuses a bad userId', async () => {
    const { disk, billId } = await crashAfterLaunch();
    fake().settle(billId, 'cancelled');
    server.use(
      http.get(`${SERVER}/v1/bills`, () =>
        HttpResponse.json({ error: { code: 'INTERNAL', message: 'x', retryable: false } }, { status: 500 }),
      ),
    );
    const coinslot = testCoinslot(fake(), [fakeChannel()], { storage: disk, retryLimit: 0, ...manual });
    await expect(coinslot.recover({ userId: '' })).rejects.toMatchObject({ code: 'INVALID_REQUEST' });
    expect(() => testCoinslot(fake(), [fakeChannel()], { userId: 42 as never })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTIONS' }),
    );
    const report = await coinslot.recover({ userId: 'player-42' });
    expect(report.errors).toEqual([expect.objectContaining({ code: 'PAY_SERVER_ERROR', serverCode: 'INTERNAL' })]);
    expect(report.bills).toEqual([
      { billId, source: 'journal', result: expect.objectContaining({ status: 'cancelled' }) },
    ]);
    expect(await recordOf(disk, billId)).toMatchObject({ state: 'cancelled' });
  });

  it('leaves records of another pay server alone', async () => {
    const { disk, billId } = await crashAfterLaunch();
    const elsewhere = testCoinslot(fake(), [fakeChannel()], {
      server: 'https://other-pay.test',
      storage: disk,
      ...manual,
    });
    expect(await elsewhere.recover()).toEqual({ bills: [], errors: [] });
    expect(await recordOf(disk, billId)).toMatchObject({ state: 'created' });
  });
});
