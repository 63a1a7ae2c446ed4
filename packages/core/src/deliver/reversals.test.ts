import { describe, expect, it, vi } from 'vitest';
import type { CoinslotOptions } from '../coinslot-options.js';
import { createMemoryStorage } from '../storage/memory-storage.js';
import type { JournalStorage } from '../storage/journal-storage.js';
import { fakeChannel, gemPack, testCoinslot } from '../test-support/fake-channel.js';
import { grantSpy, paidChannel, recordOf } from '../test-support/journal-helpers.js';
import { useFakePayServer } from '../test-support/msw-server.js';
import { createGrantLedger, type GrantTransaction } from './grant-ledger.js';
import type { RevokeOffer } from './revoke-hook.js';

// Refunds and chargebacks of client-granted bills, on the msw fake pay server (signed results with its real key).
const { fake } = useFakePayServer();
const manual = { recoverOnReady: false, userId: 'player-42' } as const;

/** A revoke hook spy. */
const revokeSpy = () => vi.fn<(offer: RevokeOffer) => Promise<void>>(async () => undefined);

/** A game on the fake server with a memory journal, recovering by hand for player-42. */
const game = (storage: JournalStorage, options: Partial<CoinslotOptions> = {}) =>
  testCoinslot(fake(), [paidChannel(fake())], { storage, ...manual, ...options });

/** The reversal events a game hears. */
function listen(coinslot: ReturnType<typeof game>) {
  const refunded = vi.fn();
  const chargedBack = vi.fn();
  coinslot.on('bill-refunded', refunded);
  coinslot.on('bill-charged-back', chargedBack);
  return { refunded, chargedBack };
}

describe('reversals of client-granted bills', () => {
  it('a refund after the grant: recovery emits bill-refunded and revokes once, across two recover() calls', async () => {
    const storage = createMemoryStorage();
    const revoke = revokeSpy();
    const coinslot = game(storage, { grant: grantSpy(), revoke });
    const { bill } = await coinslot.purchase(gemPack);
    expect(fake().bills.get(bill.id)?.state).toBe('delivered');
    fake().reverse(bill.id, 'refunded', 200);
    const { refunded, chargedBack } = listen(coinslot);

    const report = await coinslot.recover();
    expect(report).toEqual({
      errors: [],
      bills: [
        {
          billId: bill.id,
          source: 'server',
          result: expect.objectContaining({ status: 'refunded', granted: false, delivered: false }),
        },
      ],
    });
    expect(revoke).toHaveBeenCalledExactlyOnceWith({
      billId: bill.id,
      bill: expect.objectContaining({ id: bill.id, state: 'refunded', refundedAmount: 200 }),
    });
    expect(refunded).toHaveBeenCalledExactlyOnceWith({
      bill: expect.objectContaining({ id: bill.id, refundedAmount: 200 }),
      revoked: true,
    });
    expect(await recordOf(storage, bill.id)).toMatchObject({
      state: 'refunded',
      grantedAt: expect.any(Number),
      revokedAt: expect.any(Number),
      bill: { refundedAmount: 200 },
    });

    expect(await coinslot.recover()).toEqual({ bills: [], errors: [] });
    expect(revoke).toHaveBeenCalledOnce();
    expect(refunded).toHaveBeenCalledOnce();
    expect(chargedBack).not.toHaveBeenCalled();
  });

  it('a chargeback after the grant: bill-charged-back and one revoke, across two recover() calls', async () => {
    const storage = createMemoryStorage();
    const revoke = revokeSpy();
    const coinslot = game(storage, { grant: grantSpy(), revoke });
    const { bill } = await coinslot.purchase(gemPack);
    fake().reverse(bill.id, 'charged_back');
    const { refunded, chargedBack } = listen(coinslot);

    await coinslot.recover();
    await coinslot.recover();
    expect(revoke).toHaveBeenCalledExactlyOnceWith({
      billId: bill.id,
      bill: expect.objectContaining({ state: 'charged_back' }),
    });
    expect(chargedBack).toHaveBeenCalledExactlyOnceWith({
      bill: expect.objectContaining({ id: bill.id }),
      revoked: true,
    });
    expect(refunded).not.toHaveBeenCalled();
    expect(await recordOf(storage, bill.id)).toMatchObject({ state: 'charged_back', revokedAt: expect.any(Number) });
  });

  it('without a revoke hook, recovery tells a chargeback once, across two recover() calls', async () => {
    const storage = createMemoryStorage();
    const coinslot = game(storage, { grant: grantSpy() });
    const { bill } = await coinslot.purchase(gemPack);
    fake().reverse(bill.id, 'charged_back');
    const { chargedBack } = listen(coinslot);

    await coinslot.recover();
    await coinslot.recover();
    expect(chargedBack).toHaveBeenCalledExactlyOnceWith({
      bill: expect.objectContaining({ id: bill.id }),
      revoked: false,
    });
    expect(await recordOf(storage, bill.id)).toMatchObject({ state: 'charged_back', grantedAt: expect.any(Number) });
    expect((await recordOf(storage, bill.id))?.revokedAt).toBeUndefined();
  });

  it('a further refund and a chargeback after it are told again, but never revoked twice', async () => {
    const storage = createMemoryStorage();
    const revoke = revokeSpy();
    const coinslot = game(storage, { grant: grantSpy(), revoke });
    const { bill } = await coinslot.purchase(gemPack);
    const { refunded, chargedBack } = listen(coinslot);
    fake().reverse(bill.id, 'refunded', 100);
    await coinslot.recover();
    fake().reverse(bill.id, 'refunded', 499);
    await coinslot.recover();
    fake().reverse(bill.id, 'charged_back');
    await coinslot.recover();

    expect(refunded.mock.calls.map(([event]) => [event.bill.refundedAmount, event.revoked])).toEqual([
      [100, true],
      [499, false],
    ]);
    expect(chargedBack).toHaveBeenCalledExactlyOnceWith({ bill: expect.anything(), revoked: false });
    expect(revoke).toHaveBeenCalledOnce();
  });

  it('a refunded result on the first wait: no grant, status refunded, bill-refunded without a revoke', async () => {
    const storage = createMemoryStorage();
    const grant = grantSpy();
    const revoke = revokeSpy();
    const channel = fakeChannel(async (ctx) => {
      fake().settle(ctx.bill.id, 'paid');
      fake().reverse(ctx.bill.id, 'refunded');
      return { kind: 'launched' };
    });
    const coinslot = testCoinslot(fake(), [channel], { storage, grant, revoke, ...manual });
    const { refunded } = listen(coinslot);
    const paid = vi.fn();
    coinslot.on('bill-paid', paid);

    const result = await coinslot.purchase(gemPack);
    expect(result).toMatchObject({
      status: 'refunded',
      granted: false,
      grantedHere: false,
      delivered: false,
      bill: { state: 'refunded', refundedAmount: 499 },
    });
    expect(grant).not.toHaveBeenCalled();
    expect(revoke).not.toHaveBeenCalled();
    expect(paid).not.toHaveBeenCalled();
    expect(refunded).toHaveBeenCalledExactlyOnceWith({ bill: result.bill, revoked: false });
    expect(await recordOf(storage, result.bill.id)).toMatchObject({ state: 'refunded' });
    expect((await recordOf(storage, result.bill.id))?.grantedAt).toBeUndefined();
    expect(fake().requestsTo('POST', `/v1/bills/${result.bill.id}/deliver`)).toEqual([]);
  });

  it('a resume whose wait answers charged_back revokes a bill this journal granted but had not delivered', async () => {
    const storage = createMemoryStorage();
    const revoke = revokeSpy();
    const coinslot = game(storage, { grant: grantSpy(), revoke });
    const { bill } = await coinslot.purchase(gemPack);
    // The delivery never reached the server: the journal holds the bill as granted.
    fake().bills.get(bill.id)!.state = 'paid';
    await storage.set(`coinslot:bill:${bill.id}`, { ...(await recordOf(storage, bill.id)), state: 'granted' });
    fake().reverse(bill.id, 'charged_back');

    const result = await coinslot.resume(bill.id);
    expect(result).toMatchObject({ status: 'charged_back', granted: false });
    expect(revoke).toHaveBeenCalledOnce();
    expect(await recordOf(storage, bill.id)).toMatchObject({ state: 'charged_back', revokedAt: expect.any(Number) });
  });

  it('only journal bills are told or revoked: the refund of a bill another journal granted is left alone', async () => {
    const { bill } = await game(createMemoryStorage(), { grant: grantSpy() }).purchase(gemPack);
    const storage = createMemoryStorage();
    const revoke = revokeSpy();
    const here = game(storage, { grant: grantSpy(), revoke });
    const { bill: mine } = await here.purchase(gemPack); // a journal bill that could be reversed
    fake().reverse(bill.id, 'refunded');
    const { refunded } = listen(here);

    expect(await here.recover()).toEqual({ bills: [], errors: [] });
    expect(
      fake()
        .requestsTo('GET', '/v1/bills')
        .map((r) => r.search.get('state')),
    ).toEqual(['paid', 'refunded', 'charged_back']);
    expect(revoke).not.toHaveBeenCalled();
    expect(refunded).not.toHaveBeenCalled();
    expect(await recordOf(storage, bill.id)).toBeUndefined();
    expect(await recordOf(storage, mine.id)).toMatchObject({ state: 'delivered' });
  });

  it('lists reversals only when the journal holds a bill that could be reversed', async () => {
    const coinslot = game(createMemoryStorage(), { grant: grantSpy(), revoke: revokeSpy() });
    await coinslot.recover();
    expect(
      fake()
        .requestsTo('GET', '/v1/bills')
        .map((r) => r.search.get('state')),
    ).toEqual(['paid']);
  });

  it('without grant, a bill the app granted and delivered with deliver() is revoked when it is refunded', async () => {
    const storage = createMemoryStorage();
    const revoke = revokeSpy();
    const coinslot = game(storage, { revoke });
    const { bill } = await coinslot.purchase(gemPack);
    await coinslot.deliver(bill.id);
    fake().reverse(bill.id, 'refunded');

    await coinslot.recover();
    expect(revoke).toHaveBeenCalledExactlyOnceWith({ billId: bill.id, bill: expect.objectContaining({ id: bill.id }) });
  });

  it('a revoke that throws is offered again by the next recovery, then never again', async () => {
    const storage = createMemoryStorage();
    const revoke = revokeSpy().mockRejectedValueOnce(new Error('disk full'));
    const coinslot = game(storage, { grant: grantSpy(), revoke });
    const { bill } = await coinslot.purchase(gemPack);
    fake().reverse(bill.id, 'refunded');
    const { refunded } = listen(coinslot);

    await coinslot.recover();
    expect(await recordOf(storage, bill.id)).toMatchObject({ state: 'refunded' });
    expect((await recordOf(storage, bill.id))?.revokedAt).toBeUndefined();
    await coinslot.recover();
    await coinslot.recover();
    expect(revoke).toHaveBeenCalledTimes(2);
    expect(refunded.mock.calls.map(([event]) => event.revoked)).toEqual([false, true]);
    expect(await recordOf(storage, bill.id)).toMatchObject({ revokedAt: expect.any(Number) });
  });

  it("a ledger's revokeOnce takes back what its grantOnce gave, once, and the event says whether it did", async () => {
    const storage = createMemoryStorage();
    const ledger = createGrantLedger(storage);
    const gems = (delta: number) => async (tx: GrantTransaction) =>
      tx.set('gems', Number((await tx.get('gems')) ?? 0) + delta);
    const coinslot = game(storage, {
      grant: ({ billId }) => ledger.grantOnce(billId, gems(100)),
      revoke: ({ billId }) => ledger.revokeOnce(billId, gems(-100)),
    });
    const { bill } = await coinslot.purchase(gemPack);
    expect(await storage.get('gems')).toBe(100);
    fake().reverse(bill.id, 'charged_back');
    const { chargedBack } = listen(coinslot);

    await coinslot.recover();
    expect(await storage.get('gems')).toBe(0);
    expect(chargedBack).toHaveBeenCalledExactlyOnceWith({ bill: expect.anything(), revoked: true });
    expect(await ledger.revokeOnce(bill.id, gems(-100))).toBe(false);
    expect(await storage.get('gems')).toBe(0);
  });
});
