import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import type { PurchaseResult } from '../results/purchase-result.js';
import { createMemoryStorage } from '../storage/memory-storage.js';
import type { JournalStorage } from '../storage/journal-storage.js';
import { fakeChannel, gemPack, testCoinslot } from '../test-support/fake-channel.js';
import { SERVER } from '../test-support/fake-pay-server.js';
import { grantSpy, recordOf } from '../test-support/journal-helpers.js';
import { useFakePayServer } from '../test-support/msw-server.js';
import { LATE_PAYMENT_WINDOW_MS } from './recovery-candidates.js';

const { fake, server } = useFakePayServer();
const manual = { recoverOnReady: false } as const;
const DAY = 24 * 60 * 60 * 1000;

/** A purchase the player cancelled in the channel, or whose bill expired; the journal holds it as such. */
async function closedPurchase(state: 'cancelled' | 'expired', storage: JournalStorage): Promise<PurchaseResult> {
  const channel = fakeChannel(async (ctx) => {
    if (state === 'cancelled') return { kind: 'cancelled', reason: 'closed' };
    fake().settle(ctx.bill.id, 'expired');
    return { kind: 'launched' };
  });
  const result = await testCoinslot(fake(), [channel], { storage, ...manual }).purchase(gemPack);
  expect(result.status).toBe(state);
  expect(await recordOf(storage, result.bill.id)).toMatchObject({ state });
  return result;
}

/** Make the journal's record of a bill `days` old. */
async function age(storage: JournalStorage, billId: string, days: number): Promise<void> {
  const record = (await recordOf(storage, billId))!;
  await storage.set(`coinslot:bill:${billId}`, {
    ...record,
    createdAt: Date.now() - days * DAY,
    updatedAt: Date.now() - days * DAY,
  });
}

/** The requests about one bill made after `from` requests, as "METHOD path?search". */
const requestsFor = (billId: string, from: number) =>
  fake()
    .requests.slice(from)
    .filter((r) => r.path.includes(billId))
    .map((r) => `${r.method} ${r.path}${r.search.has('wait') ? `?wait=${r.search.get('wait')}` : ''}`);

describe.each(['cancelled', 'expired'] as const)('a bill that ended %s and was paid late', (state) => {
  it('journal only (no userId): one signed wait=0 re-check, granted once, delivered', async () => {
    const storage = createMemoryStorage();
    const { bill } = await closedPurchase(state, storage);
    fake().settle(bill.id, 'paid'); // the channel's notification reached the pay server late
    const grant = grantSpy();
    const coinslot = testCoinslot(fake(), [fakeChannel()], { storage, grant, ...manual });
    const from = fake().requests.length;

    const report = await coinslot.recover();
    expect(report).toEqual({
      errors: [],
      bills: [
        {
          billId: bill.id,
          source: 'journal',
          result: expect.objectContaining({ status: 'paid', granted: true, delivered: true }),
        },
      ],
    });
    expect(grant).toHaveBeenCalledExactlyOnceWith({
      billId: bill.id,
      bill: expect.objectContaining({ id: bill.id, state: 'paid' }),
    });
    // The re-check, then the grant contract's own signed read inside the bill's lock, then the delivery.
    expect(requestsFor(bill.id, from)).toEqual([
      `GET /v1/bills/${bill.id}/result?wait=0`,
      `GET /v1/bills/${bill.id}/result?wait=0`,
      `POST /v1/bills/${bill.id}/deliver`,
    ]);
    expect(fake().requestsTo('GET', '/v1/bills')).toEqual([]);
    expect(await recordOf(storage, bill.id)).toMatchObject({ state: 'delivered', grantedAt: expect.any(Number) });
    expect(fake().bills.get(bill.id)?.state).toBe('delivered');

    const again = fake().requests.length;
    expect(await coinslot.recover()).toEqual({ bills: [], errors: [] });
    expect(requestsFor(bill.id, again)).toEqual([]);
    expect(grant).toHaveBeenCalledOnce();
  });

  it('through the server listing (userId) once past the re-check window; a crash before delivery does not grant it again', async () => {
    const storage = createMemoryStorage();
    const { bill } = await closedPurchase(state, storage);
    fake().settle(bill.id, 'paid');
    await age(storage, bill.id, 8);
    const grant = grantSpy();
    const coinslot = testCoinslot(fake(), [fakeChannel()], { storage, grant, retryLimit: 0, ...manual });

    const from = fake().requests.length;
    expect(await coinslot.recover()).toEqual({ bills: [], errors: [] }); // no userId: the window is past
    expect(requestsFor(bill.id, from)).toEqual([]);

    server.use(
      http.post(
        `${SERVER}/v1/bills/:id/deliver`,
        () => HttpResponse.json({ error: { code: 'INTERNAL', message: 'x', retryable: true } }, { status: 500 }),
        { once: true },
      ),
    );
    const first = await coinslot.recover({ userId: 'player-42' });
    expect(first.bills).toEqual([
      {
        billId: bill.id,
        source: 'server',
        result: expect.objectContaining({ status: 'paid', granted: true, delivered: false }),
      },
    ]);
    expect(await recordOf(storage, bill.id)).toMatchObject({ state: 'granted' }); // was stuck at `state` before the journal allowed it

    const second = await coinslot.recover({ userId: 'player-42' }); // the journal holds it now (granted, not final)
    expect(second.bills).toEqual([
      { billId: bill.id, source: 'journal', result: expect.objectContaining({ granted: true, delivered: true }) },
    ]);
    expect(grant).toHaveBeenCalledOnce();
    expect(await recordOf(storage, bill.id)).toMatchObject({ state: 'delivered' });
  });

  it('with userId inside the window: the re-check and the listing find one bill, granted once', async () => {
    const storage = createMemoryStorage();
    const { bill } = await closedPurchase(state, storage);
    fake().settle(bill.id, 'paid');
    const grant = grantSpy();
    const report = await testCoinslot(fake(), [fakeChannel()], {
      storage,
      grant,
      userId: 'player-42',
      ...manual,
    }).recover();
    expect(report.bills).toEqual([
      { billId: bill.id, source: 'journal', result: expect.objectContaining({ granted: true, delivered: true }) },
    ]);
    expect(grant).toHaveBeenCalledOnce();
  });
});

describe('re-checking cancelled and expired bills', () => {
  it('the same instance learns of it through recover(): the grant hook and bill-granted, once', async () => {
    const storage = createMemoryStorage();
    const grant = grantSpy();
    const granted = vi.fn();
    const coinslot = testCoinslot(fake(), [fakeChannel(async () => ({ kind: 'cancelled' }))], {
      storage,
      grant,
      ...manual,
    });
    coinslot.on('bill-granted', granted);
    const { status, bill } = await coinslot.purchase(gemPack);
    expect(status).toBe('cancelled');
    fake().settle(bill.id, 'paid');
    await Promise.all([coinslot.recover(), coinslot.recover(), coinslot.resume(bill.id)]);
    expect(grant).toHaveBeenCalledOnce();
    expect(granted).toHaveBeenCalledExactlyOnceWith({ bill: expect.objectContaining({ id: bill.id }), applied: true });
  });

  it('without grant, ready() announces it with bill-recovered; the game delivers it', async () => {
    const storage = createMemoryStorage();
    const { bill } = await closedPurchase('expired', storage);
    fake().settle(bill.id, 'paid');
    const recovered = vi.fn();
    const coinslot = testCoinslot(fake(), [fakeChannel()], { storage });
    coinslot.on('bill-recovered', recovered);
    await coinslot.ready();
    await vi.waitFor(() =>
      expect(recovered).toHaveBeenCalledExactlyOnceWith({
        billId: bill.id,
        bill: expect.objectContaining({ id: bill.id, state: 'paid' }),
      }),
    );
    expect(await recordOf(storage, bill.id)).toMatchObject({ state: 'paid' });
    await coinslot.deliver(bill.id);
    expect(await coinslot.recover()).toEqual({ bills: [], errors: [] });
    expect(recovered).toHaveBeenCalledOnce();
    expect(await recordOf(storage, bill.id)).toMatchObject({ state: 'delivered' });
  });

  it('a bill still closed is read once, not reported, and nothing is granted', async () => {
    const storage = createMemoryStorage();
    const { bill } = await closedPurchase('cancelled', storage);
    const grant = grantSpy();
    const from = fake().requests.length;
    expect(await testCoinslot(fake(), [fakeChannel()], { storage, grant, ...manual }).recover()).toEqual({
      bills: [],
      errors: [],
    });
    expect(requestsFor(bill.id, from)).toEqual([`GET /v1/bills/${bill.id}/result?wait=0`]);
    expect(grant).not.toHaveBeenCalled();
    expect(await recordOf(storage, bill.id)).toMatchObject({ state: 'cancelled' });
  });

  it(`only within ${LATE_PAYMENT_WINDOW_MS / DAY} days of the journal's record`, async () => {
    const storage = createMemoryStorage();
    const recent = (await closedPurchase('expired', storage)).bill.id;
    const old = (await closedPurchase('cancelled', storage)).bill.id;
    await age(storage, recent, LATE_PAYMENT_WINDOW_MS / DAY - 0.5);
    await age(storage, old, LATE_PAYMENT_WINDOW_MS / DAY + 0.5);
    fake().settle(recent, 'paid');
    fake().settle(old, 'paid');
    const grant = grantSpy();
    const from = fake().requests.length;
    const report = await testCoinslot(fake(), [fakeChannel()], { storage, grant, ...manual }).recover();
    expect(report.bills.map((b) => b.billId)).toEqual([recent]);
    expect(grant).toHaveBeenCalledExactlyOnceWith(expect.objectContaining({ billId: recent }));
    expect(requestsFor(old, from)).toEqual([]);
    expect(await recordOf(storage, old)).toMatchObject({ state: 'cancelled' });
  });
});

describe('a failed bill the server reports paid', () => {
  async function declinedThenPaid(storage: JournalStorage): Promise<string> {
    const channel = fakeChannel(async (ctx) => {
      fake().settle(ctx.bill.id, 'failed', 'declined');
      return { kind: 'launched' };
    });
    const { status, bill } = await testCoinslot(fake(), [channel], { storage, ...manual }).purchase(gemPack);
    expect(status).toBe('declined');
    fake().bills.get(bill.id)!.state = 'paid'; // impossible on a protocol v1 server: failed is final
    return bill.id;
  }

  it('is refused with RESULT_REJECTED and never granted, by resume() and by the listing', async () => {
    const storage = createMemoryStorage();
    const billId = await declinedThenPaid(storage);
    const grant = grantSpy();
    const paid = vi.fn();
    const coinslot = testCoinslot(fake(), [fakeChannel()], { storage, grant, ...manual });
    coinslot.on('bill-paid', paid);

    expect(await coinslot.recover()).toEqual({ bills: [], errors: [] }); // failed is not re-checked
    await expect(coinslot.resume(billId)).rejects.toMatchObject({
      code: 'RESULT_REJECTED',
      message: expect.stringContaining('failed, a final state'),
    });
    const report = await coinslot.recover({ userId: 'player-42' });
    expect(report.bills).toEqual([
      { billId, source: 'server', error: expect.objectContaining({ code: 'RESULT_REJECTED' }) },
    ]);
    expect(grant).not.toHaveBeenCalled();
    expect(paid).not.toHaveBeenCalled();
    expect(await recordOf(storage, billId)).toMatchObject({ state: 'failed' });
    expect(fake().bills.get(billId)?.state).toBe('paid');
  });

  it('without grant, is not announced with bill-recovered', async () => {
    const storage = createMemoryStorage();
    await declinedThenPaid(storage);
    const recovered = vi.fn();
    const coinslot = testCoinslot(fake(), [fakeChannel()], { storage, ...manual });
    coinslot.on('bill-recovered', recovered);
    const report = await coinslot.recover({ userId: 'player-42' });
    expect(report.bills[0]?.error).toMatchObject({ code: 'RESULT_REJECTED' });
    expect(recovered).not.toHaveBeenCalled();
  });
});
