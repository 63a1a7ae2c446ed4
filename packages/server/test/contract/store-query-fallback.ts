import { BILL_STATES, type BillState } from '@coinslot/protocol';
import { expect, it } from 'vitest';
import type { BillStore, BillsToQuery } from '../../src/index.js';
import { openStore, sampleBill as bill, type StoreKind } from '../store-kinds.js';

/** Walks every page of `query` (`limit` per page) the way the query sweep does, and answers the ids in order. */
async function walk(store: BillStore, query: Omit<BillsToQuery, 'afterId' | 'limit'>, limit: number) {
  const ids: string[] = [];
  let { after } = query;
  let afterId = '';
  for (let page = 0; page < 100; page += 1) {
    const bills = await store.listBillsToQuery!({ ...query, after, afterId, limit });
    expect(bills.length).toBeLessThanOrEqual(limit);
    ids.push(...bills.map((b) => b.id));
    if (bills.length < limit) return ids;
    const last = bills.at(-1)!;
    after = query.kind === 'open' ? last.createdAt : last.expiresAt;
    afterId = last.id;
  }
  throw new Error('more than 100 pages');
}

/** `listBillsToQuery`: the bills the query fallback asks channels about (protocol §7). */
export function storeQueryFallback(kind: StoreKind): void {
  it('lists open bills by creation time within (after, upTo], oldest first, and nothing settled', async () => {
    const store = await openStore(kind);
    for (const state of BILL_STATES) {
      await store.insertBill({ bill: bill(`s-${state}`, { state, createdAt: 150 }), launch: {} });
    }
    await store.insertBill({ bill: bill('b-early', { createdAt: 100 }), launch: {} });
    await store.insertBill({ bill: bill('b-late', { createdAt: 200 }), launch: {} });
    await store.insertBill({ bill: bill('b-future', { createdAt: 201 }), launch: {} });
    const page = await store.listBillsToQuery!({ kind: 'open', after: 100, afterId: '', upTo: 200, limit: 10 });
    expect(page.map((b) => b.id)).toEqual(['b-early', 's-created', 'b-late']);
    expect(page[0]).toEqual(bill('b-early', { createdAt: 100 }));
    const strictlyAfter = await store.listBillsToQuery!({
      kind: 'open',
      after: 100,
      afterId: 'b-early',
      upTo: 150,
      limit: 10,
    });
    expect(strictlyAfter.map((b) => b.id)).toEqual(['s-created']);
  });

  it('pages through bills sharing one millisecond without skipping or repeating one', async () => {
    const store = await openStore(kind);
    const ids = Array.from({ length: 7 }, (_, i) => `bill${String(i).padStart(2, '0')}`);
    for (const id of [...ids].reverse()) await store.insertBill({ bill: bill(id, { createdAt: 500 }), launch: {} });
    await store.insertBill({ bill: bill('bill99', { createdAt: 499 }), launch: {} });
    expect(await walk(store, { kind: 'open', after: 0, upTo: 500 }, 3)).toEqual(['bill99', ...ids]);
    expect(await walk(store, { kind: 'open', after: 0, upTo: 499 }, 3)).toEqual(['bill99']);
  });

  it('lists unpaid bills — created, expired or cancelled — by expiry time, never a paid or failed one', async () => {
    const store = await openStore(kind);
    for (const state of BILL_STATES) {
      await store.insertBill({ bill: bill(`s-${state}`, { state, expiresAt: 1000 }), launch: {} });
    }
    await store.insertBill({ bill: bill('old', { state: 'expired', expiresAt: 999 }), launch: {} });
    await store.insertBill({ bill: bill('new', { state: 'expired', expiresAt: 1001 }), launch: {} });
    const page = await store.listBillsToQuery!({ kind: 'unpaid', after: 1000, afterId: '', upTo: 1000, limit: 10 });
    const unpaid: BillState[] = ['created', 'expired', 'cancelled'];
    expect(page.map((b) => b.id).sort()).toEqual(unpaid.map((state) => `s-${state}`).sort());
    expect(await walk(store, { kind: 'unpaid', after: 0, upTo: 2000 }, 2)).toEqual([
      'old',
      ...unpaid.map((state) => `s-${state}`).sort(),
      'new',
    ]);
  });

  it('follows transitions: a bill paid drops out, a bill that expired moves from open to unpaid', async () => {
    const store = await openStore(kind);
    await store.insertBill({ bill: bill('a', { createdAt: 10, expiresAt: 100 }), launch: {} });
    await store.insertBill({ bill: bill('b', { createdAt: 20, expiresAt: 110 }), launch: {} });
    const open = { kind: 'open', after: 0, afterId: '', upTo: 1000, limit: 10 } as const;
    const unpaid = { kind: 'unpaid', after: 0, afterId: '', upTo: 1000, limit: 10 } as const;
    await store.transition('a', 'created', bill('a', { state: 'paid', createdAt: 10, expiresAt: 100 }));
    await store.transition('b', 'created', bill('b', { state: 'expired', createdAt: 20, expiresAt: 110 }));
    expect(await store.listBillsToQuery!(open)).toEqual([]);
    expect((await store.listBillsToQuery!(unpaid)).map((b) => b.id)).toEqual(['b']);
    await store.transition('b', 'expired', bill('b', { state: 'paid', createdAt: 20, expiresAt: 110 }));
    expect(await store.listBillsToQuery!(unpaid)).toEqual([]);
  });
}
