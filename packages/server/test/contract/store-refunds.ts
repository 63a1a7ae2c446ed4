import { expect, it } from 'vitest';
import type { NewEvent } from '../../src/store/event-outbox.js';
import { openStore, sampleBill, type StoreKind } from '../store-kinds.js';

const paid = sampleBill('a', { state: 'paid', paidAt: 200, updatedAt: 200 });
const refunded = (refundedAmount: number, updatedAt = 300) =>
  sampleBill('a', { state: 'refunded', paidAt: 200, refundedAt: updatedAt, updatedAt, refundedAmount });
// Cast: the sample bill's app is the default one, which stores that predate apps do not name.
const event = (id: string, refundedAmount: number) =>
  ({
    id,
    appId: 'default',
    type: 'bill.refunded',
    billId: 'a',
    createdAt: 300,
    body: JSON.stringify({ refundedAmount }),
    dispatch: 'none',
  }) as NewEvent;

/**
 * The compare-and-set covers the refund total as well as the state (src/store/bill-store.ts): `refunded → refunded`
 * keeps the state, so without the total two partial refunds built from one read would both apply and the last
 * write could lower the total, or a chargeback built before a raise could put the old total back.
 */
export function storeRefunds(kind: StoreKind): void {
  it('moves a refunded bill only from the refund total the caller read', async () => {
    const store = await openStore(kind);
    await store.insertBill({ bill: paid, launch: {} });
    expect(await store.transition('a', paid, refunded(100))).toEqual({ applied: true, bill: refunded(100) });
    const stale = { state: 'refunded' as const, refundedAmount: 50 };
    expect(await store.transition('a', stale, refunded(200, 400))).toEqual({ applied: false, bill: refunded(100) });
    expect(await store.transition('a', 'refunded', refunded(200, 400))).toEqual({
      applied: false,
      bill: refunded(100),
    });
    expect(await store.transition('a', refunded(100), refunded(200, 400))).toEqual({
      applied: true,
      bill: refunded(200, 400),
    });
    expect((await store.getBill('a'))!.bill).toEqual(refunded(200, 400));
  });

  it('applies one of two partial refunds built from the same read, with its event only', async () => {
    const store = await openStore(kind);
    await store.insertBill({ bill: refunded(100), launch: {} });
    const read = (await store.getBill('a'))!.bill;
    const outcomes = await Promise.all([
      store.transition('a', read, refunded(300, 500), event('evt_300', 300)),
      store.transition('a', read, refunded(200, 400), event('evt_200', 200)),
    ]);
    expect(outcomes.filter((outcome) => outcome.applied)).toHaveLength(1);
    const stored = (await store.getBill('a'))!.bill;
    for (const outcome of outcomes) expect(outcome.bill).toEqual(stored);
    const events = await store.listEvents(0, 10);
    expect(events.map((e) => e.id)).toEqual([stored.refundedAmount === 300 ? 'evt_300' : 'evt_200']);
    // The loser re-reads and builds again from the winner: the larger total is applied last either way.
    if (stored.refundedAmount === 200)
      expect((await store.transition('a', stored, refunded(300, 500), event('evt_300', 300))).applied).toBe(true);
    expect((await store.getBill('a'))!.bill.refundedAmount).toBe(300);
  });

  it('refuses a chargeback built from a refund total that was raised since', async () => {
    const store = await openStore(kind);
    await store.insertBill({ bill: refunded(100), launch: {} });
    const read = (await store.getBill('a'))!.bill;
    await store.transition('a', read, refunded(300, 400));
    const chargedBack = { ...read, state: 'charged_back' as const, chargedBackAt: 500, updatedAt: 500 };
    expect(await store.transition('a', read, chargedBack)).toEqual({ applied: false, bill: refunded(300, 400) });
    const fresh = (await store.getBill('a'))!.bill;
    const kept = { ...fresh, state: 'charged_back' as const, chargedBackAt: 500, updatedAt: 500 };
    expect(await store.transition('a', fresh, kept)).toEqual({ applied: true, bill: kept });
    expect((await store.getBill('a'))!.bill).toMatchObject({ state: 'charged_back', refundedAmount: 300 });
  });

  it('applies exactly one of 50 concurrent raises built from one read', async () => {
    const store = await openStore(kind);
    await store.insertBill({ bill: refunded(1), launch: {} });
    const read = (await store.getBill('a'))!.bill;
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, (_, i) => store.transition('a', read, refunded(i + 2), event(`evt_${i}`, i + 2))),
    );
    expect(outcomes.filter((outcome) => outcome.applied)).toHaveLength(1);
    expect(await store.listEvents(0, 100)).toHaveLength(1);
  });
}
