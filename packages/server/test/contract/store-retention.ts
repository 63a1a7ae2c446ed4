import { BILL_STATES } from '@coinslot/protocol';
import { expect, it } from 'vitest';
import { openStore, sampleBill as bill, type StoreKind } from '../store-kinds.js';

/** The abuse-limit methods of a `BillStore`: counting a player's open bills, and retention's purge. */
export function storeRetention(kind: StoreKind): void {
  it('counts a user’s open bills: created and not yet due, nobody else’s', async () => {
    const store = await openStore(kind);
    await store.insertBill({ bill: bill('open-1', { expiresAt: 1000 }), launch: {} });
    await store.insertBill({ bill: bill('open-2', { expiresAt: 500 }), launch: {} });
    await store.insertBill({ bill: bill('paid', { state: 'paid', expiresAt: 1000 }), launch: {} });
    await store.insertBill({ bill: bill('other', { userId: 'v', expiresAt: 1000 }), launch: {} });
    expect(await store.countOpenBills!('default', 'u', 400)).toBe(2);
    expect(await store.countOpenBills!('default', 'u', 500)).toBe(2);
    expect(await store.countOpenBills!('default', 'u', 501)).toBe(1);
    await store.transition('open-1', 'created', bill('open-1', { state: 'cancelled', expiresAt: 1000 }));
    expect(await store.countOpenBills!('default', 'u', 400)).toBe(1);
    expect(await store.countOpenBills!('default', 'nobody', 0)).toBe(0);
  });

  it('purges exactly the bills settled unpaid that expired before the cut-off, and nothing paid', async () => {
    const store = await openStore(kind);
    for (const state of BILL_STATES) {
      await store.insertBill({ bill: bill(`old-${state}`, { state, expiresAt: 100 }), launch: {} });
      await store.insertBill({ bill: bill(`new-${state}`, { state, expiresAt: 300 }), launch: {} });
    }
    expect(await store.purgeSettledBills!(200, 100)).toBe(3);
    const left: string[] = [];
    for (const state of BILL_STATES)
      for (const age of ['old', 'new']) if (await store.getBill(`${age}-${state}`)) left.push(`${age}-${state}`);
    expect(left.sort()).toEqual(
      [
        'old-created',
        'old-paid',
        'old-delivered',
        'old-refunded',
        'old-charged_back',
        ...BILL_STATES.map((state) => `new-${state}`),
      ].sort(),
    );
    expect(
      (await store.listBills({ appId: 'default', userId: 'u', state: 'failed', limit: 10 })).map((b) => b.id),
    ).toEqual(['new-failed']);
    expect(await store.purgeSettledBills!(200, 100)).toBe(0);
  });

  it('purges at most the limit per call, and a bill that settled unpaid later too', async () => {
    const store = await openStore(kind);
    for (let i = 0; i < 5; i += 1)
      await store.insertBill({ bill: bill(`c${i}`, { state: 'cancelled', expiresAt: 10 + i }), launch: {} });
    await store.insertBill({ bill: bill('late', { expiresAt: 10 }), launch: {} });
    expect(await store.purgeSettledBills!(100, 2)).toBe(2);
    await store.transition('late', 'created', bill('late', { state: 'expired', expiresAt: 10 }));
    expect(await store.purgeSettledBills!(100, 10)).toBe(4);
    expect(await store.getBill('late')).toBeUndefined();
  });
}
