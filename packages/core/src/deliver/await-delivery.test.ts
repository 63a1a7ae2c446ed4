import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import type { Coinslot } from '../coinslot.js';
import type { CoinslotOptions } from '../coinslot-options.js';
import { createMemoryStorage } from '../storage/memory-storage.js';
import type { JournalStorage } from '../storage/journal-storage.js';
import { fakeChannel, gemPack, testCoinslot } from '../test-support/fake-channel.js';
import { SERVER } from '../test-support/fake-pay-server.js';
import { advancing, useFakeClock } from '../test-support/fake-clock.js';
import { paidChannel, recordOf } from '../test-support/journal-helpers.js';
import { useFakePayServer } from '../test-support/msw-server.js';

// Server fulfilment on the msw fake pay server, with a fake clock: the game backend grants and delivers, core follows.
const { fake, server } = useFakePayServer();
useFakeClock();

/** A server-fulfilment game on the fake server whose channel gets the bill paid at once. */
const serverGame = (storage: JournalStorage = createMemoryStorage(), options: Partial<CoinslotOptions> = {}) =>
  testCoinslot(fake(), [paidChannel(fake())], { storage, fulfilment: 'server', recoverOnReady: false, ...options });

/** Every event a server-fulfilment game may hear about a bill's fate, in order. */
function heard(coinslot: Coinslot): string[] {
  const names = ['bill-paid', 'bill-delivered', 'bill-recovered', 'bill-granted', 'bill-refunded'] as const;
  const seen: string[] = [];
  for (const name of names) coinslot.on(name, () => seen.push(name));
  return seen;
}

const resultReads = (billId: string) => fake().requestsTo('GET', `/v1/bills/${billId}/result`);

describe("fulfilment: 'server'", () => {
  it('waits through paid, re-reading with fresh nonces after 1 s, 2 s, 4 s, 8 s, and ends delivered once the backend delivers', async () => {
    const coinslot = serverGame();
    const events = heard(coinslot);
    let billId = '';
    coinslot.on('bill-paid', ({ bill }) => {
      billId = bill.id;
      setTimeout(() => fake().settle(bill.id, 'delivered'), 10_000); // the game backend, after its grant
    });

    const result = await advancing(coinslot.purchase({ ...gemPack, deadlineMs: 60_000 }));
    expect(result).toMatchObject({
      status: 'delivered',
      granted: true,
      grantedHere: false,
      delivered: true,
      bill: { id: billId, state: 'delivered' },
    });
    expect(events).toEqual(['bill-paid', 'bill-delivered']);
    // The paid answer, then reads at 0, 1, 3 and 7 s (paid) and at 15 s (delivered).
    const reads = resultReads(billId);
    expect(reads).toHaveLength(6);
    expect(new Set(reads.map((read) => read.search.get('nonce'))).size).toBe(6);
    expect(fake().requestsTo('POST', /\/deliver$/)).toEqual([]);
  });

  it("at the deadline answers paid with pendingReason 'awaiting-delivery'; a resume after the delivery answers delivered", async () => {
    const storage = createMemoryStorage();
    const coinslot = serverGame(storage);
    const events = heard(coinslot);

    const first = await advancing(coinslot.purchase({ ...gemPack, deadlineMs: 5_000 }));
    expect(first).toMatchObject({
      status: 'paid',
      pendingReason: 'awaiting-delivery',
      granted: false,
      delivered: false,
      bill: { state: 'paid' },
    });
    expect(await recordOf(storage, first.bill.id)).toMatchObject({ state: 'paid' });
    expect(events).toEqual(['bill-paid']);

    fake().settle(first.bill.id, 'delivered');
    const resumed = await advancing(coinslot.resume(first.bill.id));
    expect(resumed).toMatchObject({ status: 'delivered', granted: true, delivered: true });
    expect(events).toEqual(['bill-paid', 'bill-paid', 'bill-delivered']);
    expect(await recordOf(storage, first.bill.id)).toMatchObject({ state: 'delivered' });
    expect((await recordOf(storage, first.bill.id))?.grantedAt).toBeUndefined();
  });

  it("recovery lists the player's paid bills only to wait for their delivery: no bill-recovered, no grant, no deliver", async () => {
    const { bill } = await advancing(serverGame().purchase({ ...gemPack, deadlineMs: 1_000 })); // its journal is lost
    const fresh = serverGame(createMemoryStorage(), { userId: 'player-42' });
    const events = heard(fresh);
    fresh.on('bill-paid', () => setTimeout(() => fake().settle(bill.id, 'delivered'), 3_000));

    const report = await advancing(fresh.recover());
    expect(report).toEqual({
      errors: [],
      bills: [
        {
          billId: bill.id,
          source: 'server',
          result: expect.objectContaining({ status: 'delivered', granted: true, grantedHere: false }),
        },
      ],
    });
    expect(events).toEqual(['bill-paid', 'bill-delivered']);
    expect(fake().requestsTo('POST', /\/deliver$/)).toEqual([]);
    expect(await advancing(fresh.recover())).toEqual({ bills: [], errors: [] });
  });

  it('a bill the backend delivered before the first read answers delivered, and a later resume tells bill-delivered no more', async () => {
    const storage = createMemoryStorage();
    const channel = fakeChannel(async (ctx) => {
      fake().settle(ctx.bill.id, 'delivered');
      return { kind: 'launched' };
    });
    const coinslot = testCoinslot(fake(), [channel], { storage, fulfilment: 'server' });
    const delivered = vi.fn();
    coinslot.on('bill-delivered', delivered);

    const result = await advancing(coinslot.purchase(gemPack));
    expect(result).toMatchObject({ status: 'delivered', delivered: true });
    expect(delivered).toHaveBeenCalledExactlyOnceWith({ bill: result.bill, alreadyDelivered: false });
    expect(await advancing(coinslot.resume(result.bill.id))).toMatchObject({ status: 'delivered' });
    expect(delivered).toHaveBeenCalledOnce();
  });

  it('a refund while it waits for the delivery ends refunded: bill-refunded, nothing revoked', async () => {
    const coinslot = serverGame();
    const refunded = vi.fn();
    coinslot.on('bill-refunded', refunded);
    coinslot.on('bill-paid', ({ bill }) => setTimeout(() => fake().reverse(bill.id, 'refunded', 100), 2_000));

    const result = await advancing(coinslot.purchase({ ...gemPack, deadlineMs: 60_000 }));
    expect(result).toMatchObject({ status: 'refunded', granted: false, bill: { refundedAmount: 100 } });
    expect(refunded).toHaveBeenCalledExactlyOnceWith({ bill: result.bill, revoked: false });
  });

  it('recovery tells a chargeback of a bill the backend delivered, once; the backend revokes, core only tells', async () => {
    const storage = createMemoryStorage();
    const channel = fakeChannel(async (ctx) => {
      fake().settle(ctx.bill.id, 'delivered');
      return { kind: 'launched' };
    });
    const coinslot = testCoinslot(fake(), [channel], {
      storage,
      fulfilment: 'server',
      userId: 'player-42',
      recoverOnReady: false,
    });
    const { bill } = await advancing(coinslot.purchase(gemPack));
    fake().reverse(bill.id, 'charged_back');
    const chargedBack = vi.fn();
    coinslot.on('bill-charged-back', chargedBack);

    await advancing(coinslot.recover());
    await advancing(coinslot.recover());
    expect(chargedBack).toHaveBeenCalledExactlyOnceWith({
      bill: expect.objectContaining({ id: bill.id }),
      revoked: false,
    });
    expect(await recordOf(storage, bill.id)).toMatchObject({ state: 'charged_back' });
  });

  it('a delivery read the server refuses leaves the bill paid, awaiting delivery, rather than failing the purchase', async () => {
    const coinslot = serverGame();
    coinslot.on('bill-paid', () =>
      server.use(
        http.get(`${SERVER}/v1/bills/:id/result`, () =>
          HttpResponse.json({ error: { code: 'INVALID_FIELD', message: 'x', retryable: false } }, { status: 400 }),
        ),
      ),
    );
    const result = await advancing(coinslot.purchase({ ...gemPack, deadlineMs: 60_000 }));
    expect(result).toMatchObject({ status: 'paid', pendingReason: 'awaiting-delivery' });
  });

  it('deliver() rejects with INVALID_REQUEST and sends nothing', async () => {
    const coinslot = serverGame();
    const { bill } = await advancing(coinslot.purchase({ ...gemPack, deadlineMs: 1_000 }));
    await expect(coinslot.deliver(bill.id)).rejects.toMatchObject({
      code: 'INVALID_REQUEST',
      message: expect.stringMatching(/fulfilment: 'server', where the game backend delivers/),
    });
    expect(fake().requestsTo('POST', /\/deliver$/)).toEqual([]);
    expect(fake().bills.get(bill.id)?.state).toBe('paid');
  });

  it('refuses grant and revoke with it (INVALID_OPTIONS): the game backend grants and revokes', () => {
    for (const hook of ['grant', 'revoke'] as const) {
      expect(() => serverGame(createMemoryStorage(), { [hook]: () => undefined })).toThrow(
        expect.objectContaining({
          code: 'INVALID_OPTIONS',
          message: expect.stringContaining(`${hook} must be a function`),
        }),
      );
    }
    expect(() => serverGame(createMemoryStorage(), { fulfilment: 'backend' as never })).toThrow(
      expect.objectContaining({ message: expect.stringContaining("fulfilment must be 'client' or 'server'") }),
    );
  });
});
