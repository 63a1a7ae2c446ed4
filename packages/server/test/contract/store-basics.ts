import { expect, it } from 'vitest';
import { openStore, sampleBill as bill, type StoreKind } from '../store-kinds.js';

/** What every `BillStore` must do, call by call (the contract in src/store/bill-store.ts). */
export function storeBasics(kind: StoreKind): void {
  it('round-trips every bill field and the launch payload, and hands out copies', async () => {
    const store = await openStore(kind);
    const full = bill('a', {
      passThrough: 'order-7781',
      os: 'web',
      appVersion: '1.4.0',
      sdkVersion: '0.1.0',
      extra: { campaign: 'winter', n: [1, { deep: true }] },
    });
    await store.insertBill({ bill: full, launch: { url: 'x', nested: { qr: 'é✓' } } });
    const record = (await store.getBill('a'))!;
    expect(record).toEqual({ bill: full, launch: { url: 'x', nested: { qr: 'é✓' } } });
    record.bill.state = 'paid';
    record.launch.url = 'y';
    expect((await store.getBill('a'))!.bill.state).toBe('created');
    expect((await store.getBill('a'))!.launch.url).toBe('x');
    expect(await store.getBill('nope')).toBeUndefined();
    await expect(store.insertBill({ bill: bill('a'), launch: {} })).rejects.toThrow(/exists/);
  });

  it('transitions only from the expected state (compare-and-set)', async () => {
    const store = await openStore(kind);
    await store.insertBill({ bill: bill('a'), launch: {} });
    const paid = bill('a', { state: 'paid', paidAt: 5, updatedAt: 5 });
    expect(await store.transition('a', 'created', paid)).toEqual({ applied: true, bill: paid });
    const cancelled = bill('a', { state: 'cancelled' });
    expect(await store.transition('a', 'created', cancelled)).toEqual({ applied: false, bill: paid });
    expect(await store.transition('nope', 'created', cancelled)).toEqual({ applied: false, bill: undefined });
    expect((await store.getBill('a'))!.bill).toEqual(paid);
  });

  it('applies exactly one of 200 concurrent transitions of one bill', async () => {
    const store = await openStore(kind);
    await store.insertBill({ bill: bill('a'), launch: {} });
    const outcomes = await Promise.all(
      Array.from({ length: 200 }, (_, i) => store.transition('a', 'created', bill('a', { state: 'paid', paidAt: i }))),
    );
    const winners = outcomes.filter((outcome) => outcome.applied);
    expect(winners).toHaveLength(1);
    for (const outcome of outcomes) expect(outcome.bill).toEqual(winners[0]!.bill);
  });

  it('lists by user and state, oldest first, within the limit; lists due bills for the sweep', async () => {
    const store = await openStore(kind);
    await store.insertBill({ bill: bill('late', { createdAt: 300 }), launch: {} });
    await store.insertBill({ bill: bill('early', { createdAt: 100, expiresAt: 50 }), launch: {} });
    await store.insertBill({ bill: bill('other', { userId: 'v', expiresAt: 10 }), launch: {} });
    await store.insertBill({ bill: bill('paid', { state: 'paid', expiresAt: 10 }), launch: {} });
    const ids = async (state: 'created' | 'paid', limit = 10) =>
      (await store.listBills({ appId: 'default', userId: 'u', state, limit })).map((b) => b.id);
    expect(await ids('created')).toEqual(['early', 'late']);
    expect(await ids('created', 1)).toEqual(['early']);
    expect(await ids('paid')).toEqual(['paid']);
    expect((await store.listExpiredBills(60, 10)).map((b) => b.id).sort()).toEqual(['early', 'other']);
    expect((await store.listExpiredBills(60, 1)).length).toBe(1);
    expect(await store.listExpiredBills(10, 10)).toEqual([]);
    await store.transition('early', 'created', bill('early', { state: 'expired', createdAt: 100, expiresAt: 50 }));
    expect((await store.listExpiredBills(60, 10)).map((b) => b.id)).toEqual(['other']);
  });

  it('claims idempotency keys atomically per (user, key): claimed → in flight → done', async () => {
    const store = await openStore(kind);
    const scope = { appId: 'default', userId: 'u', key: 'k1' };
    const claims = await Promise.all(Array.from({ length: 20 }, () => store.claimIdempotencyKey(scope, 'h', 10, 0)));
    expect(claims.filter((c) => c.status === 'claimed')).toHaveLength(1);
    expect(claims.filter((c) => c.status === 'in-flight')).toEqual(
      Array(19).fill({ status: 'in-flight', bodyHash: 'h' }),
    );
    expect(await store.claimIdempotencyKey({ appId: 'default', userId: 'v', key: 'k1' }, 'h', 10, 0)).toEqual({
      status: 'claimed',
    });
    await store.completeIdempotencyKey(scope, 'bill-1');
    expect(await store.claimIdempotencyKey(scope, 'other', 20, 0)).toEqual({
      status: 'done',
      bodyHash: 'h',
      billId: 'bill-1',
    });
    await store.completeIdempotencyKey(scope, 'bill-2'); // a done key never names another bill
    await store.releaseIdempotencyKey(scope); // nor is it released
    expect(await store.claimIdempotencyKey(scope, 'h', 20, 0)).toEqual({
      status: 'done',
      bodyHash: 'h',
      billId: 'bill-1',
    });
  });

  it('marks the key done in the same write as the bill when insertBill names it', async () => {
    const store = await openStore(kind);
    const scope = { appId: 'default', userId: 'u', key: 'k' };
    await store.claimIdempotencyKey(scope, 'h', 10, 0);
    // It says so, and the server then writes the key no second time.
    expect(await store.insertBill({ bill: bill('a'), launch: {} }, scope)).toBe(true);
    expect(await store.insertBill({ bill: bill('b'), launch: {} })).not.toBe(true);
    expect(await store.claimIdempotencyKey(scope, 'h', 10_000_000, 5_000_000)).toEqual({
      status: 'done',
      bodyHash: 'h',
      billId: 'a',
    });
  });

  it('lets a stale in-flight claim be taken over, frees released keys and purges old ones', async () => {
    const store = await openStore(kind);
    const scope = { appId: 'default', userId: 'u', key: 'k' };
    await store.claimIdempotencyKey(scope, 'h', 10, 0);
    expect((await store.claimIdempotencyKey(scope, 'h', 20, 5)).status).toBe('in-flight');
    expect(await store.claimIdempotencyKey(scope, 'h2', 100, 50)).toEqual({ status: 'claimed' });
    expect(await store.claimIdempotencyKey(scope, 'h', 101, 50)).toEqual({ status: 'in-flight', bodyHash: 'h2' });
    await store.releaseIdempotencyKey(scope);
    expect((await store.claimIdempotencyKey(scope, 'h3', 200, 0)).status).toBe('claimed');
    await store.completeIdempotencyKey(scope, 'b');
    expect(await store.purgeIdempotencyKeys(150)).toBe(0);
    expect(await store.purgeIdempotencyKeys(201)).toBe(1);
    expect((await store.claimIdempotencyKey(scope, 'h4', 300, 0)).status).toBe('claimed');
  });
}
