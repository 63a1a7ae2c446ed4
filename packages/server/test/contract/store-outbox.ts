import { expect, it } from 'vitest';
import type { NewEvent } from '../../src/store/event-outbox.js';
import { openStore, sampleBill as bill, type StoreKind } from '../store-kinds.js';

const event = (id: string, billId: string, createdAt = 10, dispatch: NewEvent['dispatch'] = 'pending'): NewEvent => ({
  id,
  appId: 'default',
  type: 'bill.paid',
  billId,
  createdAt,
  body: JSON.stringify({ id, billId }),
  dispatch,
});

/** The events outbox of every `BillStore` (src/store/event-outbox.ts). */
export function storeOutbox(kind: StoreKind): void {
  it('records an event with its transition, and none when the compare-and-set loses', async () => {
    const store = await openStore(kind);
    await store.insertBill({ bill: bill('a'), launch: {} });
    await store.transition('a', 'created', bill('a', { state: 'paid' }), event('evt_1', 'a'));
    await store.transition('a', 'created', bill('a', { state: 'cancelled' }), event('evt_lost', 'a'));
    await store.transition('nope', 'created', bill('nope', { state: 'paid' }), event('evt_none', 'nope'));
    const listed = await store.listEvents(0, 10);
    expect(listed.map((e) => e.id)).toEqual(['evt_1']);
    expect(listed[0]).toMatchObject({ billId: 'a', type: 'bill.paid', dispatch: 'pending', attempts: 0 });
    expect(JSON.parse(listed[0]!.body)).toEqual({ id: 'evt_1', billId: 'a' });
  });

  it('lists events after a cursor in seq order, at most limit', async () => {
    const store = await openStore(kind);
    for (const id of ['a', 'b', 'c']) await store.insertBill({ bill: bill(id), launch: {} });
    for (const id of ['a', 'b', 'c'])
      await store.transition(id, 'created', bill(id, { state: 'paid' }), event(`evt_${id}`, id, 10, 'none'));
    const all = await store.listEvents(0, 10);
    expect(all.map((e) => e.id)).toEqual(['evt_a', 'evt_b', 'evt_c']);
    expect(all[1]!.seq).toBeGreaterThan(all[0]!.seq);
    expect((await store.listEvents(all[0]!.seq, 1)).map((e) => e.id)).toEqual(['evt_b']);
    expect(await store.listEvents(all[2]!.seq, 10)).toEqual([]);
    expect(await store.claimDueEvents(100, 200, 10)).toEqual([]); // `none`: pull only
  });

  it('claims only the oldest pending event of each bill, once per lease', async () => {
    const store = await openStore(kind);
    for (const id of ['a', 'b']) await store.insertBill({ bill: bill(id), launch: {} });
    await store.transition('a', 'created', bill('a', { state: 'paid' }), event('evt_a1', 'a', 10));
    await store.transition('a', 'paid', bill('a', { state: 'delivered' }), event('evt_a2', 'a', 11));
    await store.transition('b', 'created', bill('b', { state: 'paid' }), event('evt_b1', 'b', 12));
    const first = await store.claimDueEvents(100, 1_000, 10);
    expect(first.map((e) => e.id)).toEqual(['evt_a1', 'evt_b1']);
    expect(await store.claimDueEvents(500, 1_000, 10)).toEqual([]); // leased until 1 000
    await store.recordDispatch(first[0]!.seq, { state: 'sent' });
    expect((await store.claimDueEvents(500, 1_000, 10)).map((e) => e.id)).toEqual(['evt_a2']);
    // A lease that ran out (the instance died mid-send) hands the event out again.
    expect((await store.claimDueEvents(1_000, 2_000, 10)).map((e) => e.id)).toEqual(['evt_a2', 'evt_b1']);
  });

  it('retries a failed attempt when it is due, counts attempts, and keeps a dead event listed', async () => {
    const store = await openStore(kind);
    await store.insertBill({ bill: bill('a'), launch: {} });
    await store.transition('a', 'created', bill('a', { state: 'paid' }), event('evt_a', 'a', 10));
    const [claimed] = await store.claimDueEvents(10, 100, 10);
    await store.recordDispatch(claimed!.seq, { state: 'pending', nextAttemptAt: 5_000, error: 'HTTP 503' });
    expect(await store.claimDueEvents(4_999, 6_000, 10)).toEqual([]);
    expect(await store.oldestPendingEvent()).toEqual({ seq: claimed!.seq, createdAt: 10, nextAttemptAt: 5_000 });
    const [again] = await store.claimDueEvents(5_000, 6_000, 10);
    expect(again).toMatchObject({ id: 'evt_a', attempts: 1 });
    await store.recordDispatch(again!.seq, { state: 'dead', error: 'HTTP 503' });
    expect(await store.claimDueEvents(1e12, 2e12, 10)).toEqual([]);
    expect(await store.oldestPendingEvent()).toBeUndefined();
    expect((await store.listEvents(0, 10))[0]).toMatchObject({ dispatch: 'dead', attempts: 2 });
  });

  it('purges old events that are not pending, oldest first, at most limit', async () => {
    const store = await openStore(kind);
    for (const id of ['a', 'b', 'c']) await store.insertBill({ bill: bill(id), launch: {} });
    await store.transition('a', 'created', bill('a', { state: 'paid' }), event('evt_a', 'a', 10, 'none'));
    await store.transition('b', 'created', bill('b', { state: 'paid' }), event('evt_b', 'b', 20, 'pending'));
    await store.transition('c', 'created', bill('c', { state: 'paid' }), event('evt_c', 'c', 30, 'none'));
    expect(await store.purgeEvents(25, 10)).toBe(1); // evt_b is still pending: kept
    expect((await store.listEvents(0, 10)).map((e) => e.id)).toEqual(['evt_b', 'evt_c']);
    // A purge never makes a later event's seq reuse a purged one.
    const seqC = (await store.listEvents(0, 10))[1]!.seq;
    await store.insertBill({ bill: bill('d'), launch: {} });
    await store.transition('d', 'created', bill('d', { state: 'paid' }), event('evt_d', 'd', 40, 'none'));
    expect((await store.listEvents(seqC, 10))[0]).toMatchObject({ id: 'evt_d' });
  });

  it('lists one bill’s events of its app oldest first, at most limit, with their dispatch progress', async () => {
    const store = await openStore(kind);
    expect(store.listEventsOfBill).toBeDefined();
    for (const id of ['a', 'b']) await store.insertBill({ bill: bill(id), launch: {} });
    await store.transition('a', 'created', bill('a', { state: 'paid' }), event('evt_a1', 'a', 10));
    await store.transition('b', 'created', bill('b', { state: 'paid' }), event('evt_b1', 'b', 11));
    await store.transition('a', 'paid', bill('a', { state: 'delivered' }), event('evt_a2', 'a', 12, 'none'));
    const foreign = { ...event('evt_foreign', 'a', 13, 'none'), appId: 'another-game' };
    await store.transition('a', 'delivered', bill('a', { state: 'refunded' }), foreign);
    await store.transition('a', 'refunded', bill('a', { state: 'charged_back' }), event('evt_a3', 'a', 14, 'none'));
    const [claimed] = await store.claimDueEvents(100, 200, 10);
    await store.recordDispatch(claimed!.seq, { state: 'sent' });
    const ofA = await store.listEventsOfBill!('default', 'a', 10);
    expect(ofA.map((e) => e.id)).toEqual(['evt_a1', 'evt_a2', 'evt_a3']);
    expect(ofA[0]).toMatchObject({ billId: 'a', appId: 'default', dispatch: 'sent', attempts: 1 });
    ofA[0]!.dispatch = 'dead'; // a copy: the outbox keeps its own
    expect((await store.listEventsOfBill!('default', 'a', 2)).map((e) => [e.id, e.dispatch])).toEqual([
      ['evt_a1', 'sent'],
      ['evt_a2', 'none'],
    ]);
    expect((await store.listEventsOfBill!('another-game', 'a', 10)).map((e) => e.id)).toEqual(['evt_foreign']);
    expect(await store.listEventsOfBill!('default', 'nobody', 10)).toEqual([]);
    expect(await store.purgeEvents(13, 10)).toBe(2); // evt_a1 (sent) and evt_a2; evt_b1 is still pending
    expect((await store.listEventsOfBill!('default', 'a', 10)).map((e) => e.id)).toEqual(['evt_a3']);
  });
}
