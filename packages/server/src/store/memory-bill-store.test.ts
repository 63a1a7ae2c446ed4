import type { Bill } from '@coinslot/protocol';
import { describe, expect, it } from 'vitest';
import { MemoryBillStore } from './memory-bill-store.js';

const bill = (id: string, overrides: Partial<Bill> = {}): Bill => ({
  id,
  appId: 'default',
  userId: 'u',
  itemId: 'gem',
  quantity: 1,
  amount: 1,
  currency: 'USD',
  channel: 'sandbox',
  state: 'created',
  createdAt: 100,
  updatedAt: 100,
  expiresAt: 1000,
  ...overrides,
});

describe('MemoryBillStore', () => {
  it('hands out copies: mutating what it returned changes nothing stored', async () => {
    const store = new MemoryBillStore();
    await store.insertBill({ bill: bill('a'), launch: { url: 'x' } });
    const record = (await store.getBill('a'))!;
    record.bill.state = 'paid';
    record.launch.url = 'y';
    expect(await store.getBill('a')).toEqual({ bill: bill('a'), launch: { url: 'x' } });
    await expect(store.insertBill({ bill: bill('a'), launch: {} })).rejects.toThrow(/exists/);
  });

  it('hands out deep copies of nested launch data and extras; a Date in them stays a Date', async () => {
    const store = new MemoryBillStore();
    const launch = { data: { token: 't', steps: [{ at: new Date(5) }] } };
    await store.insertBill({ bill: bill('a', { extra: { tags: ['x'] } } as Partial<Bill>), launch });
    const record = (await store.getBill('a'))! as unknown as {
      bill: { extra: { tags: string[] } };
      launch: typeof launch;
    };
    record.bill.extra.tags.push('y');
    record.launch.data.token = 'u';
    record.launch.data.steps[0]!.at.setTime(9);
    const again = (await store.getBill('a'))! as unknown as typeof record;
    expect(again.bill.extra.tags).toEqual(['x']);
    expect(again.launch).toEqual({ data: { token: 't', steps: [{ at: new Date(5) }] } });
    expect(again.launch.data.steps[0]!.at).toBeInstanceOf(Date);
  });

  it('transitions only from the expected state (compare-and-set)', async () => {
    const store = new MemoryBillStore();
    await store.insertBill({ bill: bill('a'), launch: {} });
    const paid = bill('a', { state: 'paid', paidAt: 5 });
    expect(await store.transition('a', 'created', paid)).toEqual({ applied: true, bill: paid });
    const cancelled = bill('a', { state: 'cancelled' });
    expect(await store.transition('a', 'created', cancelled)).toEqual({ applied: false, bill: paid });
    expect(await store.transition('nope', 'created', cancelled)).toEqual({ applied: false, bill: undefined });
  });

  it('lists by user and state, oldest first, within the limit; lists due bills for the sweep', async () => {
    const store = new MemoryBillStore();
    await store.insertBill({ bill: bill('late', { createdAt: 300 }), launch: {} });
    await store.insertBill({ bill: bill('early', { createdAt: 100, expiresAt: 50 }), launch: {} });
    await store.insertBill({ bill: bill('other', { userId: 'v' }), launch: {} });
    await store.insertBill({ bill: bill('paid', { state: 'paid' }), launch: {} });
    const ids = async (state: Bill['state'], limit = 10) =>
      (await store.listBills({ appId: 'default', userId: 'u', state, limit })).map((b) => b.id);
    expect(await ids('created')).toEqual(['early', 'late']);
    expect(await ids('created', 1)).toEqual(['early']);
    expect(await ids('paid')).toEqual(['paid']);
    expect((await store.listExpiredBills(60, 10)).map((b) => b.id)).toEqual(['early']);
    expect((await store.listExpiredBills(50, 10)).map((b) => b.id)).toEqual([]);
  });

  it('claims idempotency keys atomically per (user, key): claimed → in flight → done', async () => {
    const store = new MemoryBillStore();
    const scope = { appId: 'default', userId: 'u', key: 'k1' };
    const claims = await Promise.all([1, 2, 3].map(() => store.claimIdempotencyKey(scope, 'h', 10, 0)));
    expect(claims.filter((c) => c.status === 'claimed')).toHaveLength(1);
    expect(claims.filter((c) => c.status === 'in-flight')).toHaveLength(2);
    expect(await store.claimIdempotencyKey({ appId: 'default', userId: 'v', key: 'k1' }, 'h', 10, 0)).toEqual({
      status: 'claimed',
    });
    await store.completeIdempotencyKey(scope, 'bill-1');
    expect(await store.claimIdempotencyKey(scope, 'other', 20, 0)).toEqual({
      status: 'done',
      bodyHash: 'h',
      billId: 'bill-1',
    });
    await store.releaseIdempotencyKey(scope); // a done key is never released
    expect((await store.claimIdempotencyKey(scope, 'h', 20, 0)).status).toBe('done');
  });

  it('lets a stale in-flight claim be taken over, frees released keys and purges old ones', async () => {
    const store = new MemoryBillStore();
    const scope = { appId: 'default', userId: 'u', key: 'k' };
    await store.claimIdempotencyKey(scope, 'h', 10, 0);
    expect((await store.claimIdempotencyKey(scope, 'h', 20, 5)).status).toBe('in-flight');
    expect((await store.claimIdempotencyKey(scope, 'h', 100, 50)).status).toBe('claimed');
    await store.releaseIdempotencyKey(scope);
    expect((await store.claimIdempotencyKey(scope, 'h2', 200, 0)).status).toBe('claimed');
    await store.completeIdempotencyKey(scope, 'b');
    expect(await store.purgeIdempotencyKeys(150)).toBe(0);
    expect(await store.purgeIdempotencyKeys(201)).toBe(1);
    expect((await store.claimIdempotencyKey(scope, 'h3', 300, 0)).status).toBe('claimed');
  });
});
