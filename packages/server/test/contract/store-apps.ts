import { expect, it } from 'vitest';
import type { NewEvent } from '../../src/store/event-outbox.js';
import { openStore, sampleBill as bill, type StoreKind } from '../store-kinds.js';

const event = (id: string, appId: string, billId: string): NewEvent => ({
  id,
  appId,
  type: 'bill.paid',
  billId,
  createdAt: 10,
  body: JSON.stringify({ id }),
  dispatch: 'pending',
});

/**
 * Every bill, key and event belongs to one app (docs/decisions/0011-many-games.md): one player id in two games is two
 * players, and one game's listings never show another's rows.
 */
export function storeApps(kind: StoreKind): void {
  it('keeps each bill’s app and lists a player’s bills of one app only', async () => {
    const store = await openStore(kind);
    await store.insertBill({ bill: bill('a1', { appId: 'game-a' }), launch: {} });
    await store.insertBill({ bill: bill('b1', { appId: 'game-b' }), launch: {} });
    expect((await store.getBill('b1'))?.bill.appId).toBe('game-b');
    const list = async (appId: string) =>
      (await store.listBills({ appId, userId: 'u', state: 'created', limit: 10 })).map((b) => b.id);
    expect(await list('game-a')).toEqual(['a1']);
    expect(await list('game-b')).toEqual(['b1']);
    expect(await list('default')).toEqual([]);
    expect(await store.countOpenBills?.('game-a', 'u', 0)).toBe(1);
    expect(await store.countOpenBills?.('game-c', 'u', 0)).toBe(0);
  });

  it('scopes idempotency keys per app: one player id and key in two games are two claims', async () => {
    const store = await openStore(kind);
    const inA = { appId: 'game-a', userId: 'u', key: 'k-0000001' };
    const inB = { appId: 'game-b', userId: 'u', key: 'k-0000001' };
    expect(await store.claimIdempotencyKey(inA, 'h-a', 10, 0)).toEqual({ status: 'claimed' });
    expect(await store.claimIdempotencyKey(inB, 'h-b', 10, 0)).toEqual({ status: 'claimed' });
    await store.insertBill({ bill: bill('a1', { appId: 'game-a' }), launch: {} }, inA);
    expect(await store.claimIdempotencyKey(inA, 'h-a', 20, 0)).toEqual({
      status: 'done',
      bodyHash: 'h-a',
      billId: 'a1',
    });
    expect(await store.claimIdempotencyKey(inB, 'h-b', 20, 0)).toEqual({ status: 'in-flight', bodyHash: 'h-b' });
    await store.releaseIdempotencyKey(inB);
    expect(await store.claimIdempotencyKey(inA, 'h-a', 30, 0)).toMatchObject({ status: 'done', billId: 'a1' });
  });

  it('lists one app’s events by cursor, or every app’s, and hands the dispatcher each event’s app', async () => {
    const store = await openStore(kind);
    await store.insertBill({ bill: bill('a1', { appId: 'game-a' }), launch: {} });
    await store.insertBill({ bill: bill('b1', { appId: 'game-b' }), launch: {} });
    const paid = (id: string, appId: string) => bill(id, { appId, state: 'paid', paidAt: 10, updatedAt: 10 });
    await store.transition('a1', 'created', paid('a1', 'game-a'), event('e1', 'game-a', 'a1'));
    await store.transition('b1', 'created', paid('b1', 'game-b'), event('e2', 'game-b', 'b1'));
    const all = await store.listEvents(0, 10);
    expect(all.map((e) => [e.id, e.appId])).toEqual([
      ['e1', 'game-a'],
      ['e2', 'game-b'],
    ]);
    expect((await store.listEvents(0, 10, 'game-b')).map((e) => e.id)).toEqual(['e2']);
    expect(await store.listEvents(all[1]!.seq, 10, 'game-b')).toEqual([]);
    expect(await store.listEvents(0, 10, 'game-c')).toEqual([]);
    const due = await store.claimDueEvents(10, 1000, 10);
    expect(due.map((e) => e.appId).sort()).toEqual(['game-a', 'game-b']);
  });
}
