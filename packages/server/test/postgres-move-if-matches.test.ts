import { createHmac } from 'node:crypto';
import type { Bill } from '@coinslot/protocol';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { eventBodyAround } from '../src/events/new-event.js';
import type { MatchedMove, PostgresBillStore } from '../src/index.js';
import { closeAllReceivers } from './events-receiver.js';
import {
  call,
  closeAllServers,
  countingReads,
  newBill,
  notifySandbox,
  payBill,
  readBill,
  startTestServer,
  randomKey,
  statementFor,
  waitResult,
} from './helpers.js';
import { buyGem, startTwoGames } from './many-games-server.js';
import { BUS_KINDS, closeOpenedBuses } from './wake-bus-kinds.js';
import { closeTestDatabase, dropSchema, freshSchemaName, openTestPostgresStore } from './postgres-test-database.js';
import { sampleBill } from './store-kinds.js';

const schemas: string[] = [];
const stores: PostgresBillStore[] = [];
afterEach(async () => {
  await closeAllServers();
  await closeAllReceivers();
  await closeOpenedBuses();
  await Promise.all(stores.splice(0).map((store) => store.close()));
  await Promise.all(schemas.splice(0).map(dropSchema));
});
afterAll(closeTestDatabase);

async function openStore(): Promise<PostgresBillStore> {
  const schema = freshSchemaName();
  schemas.push(schema);
  const store = await openTestPostgresStore(schema);
  stores.push(store);
  return store;
}

/** The payment of `sampleBill('a')` at 500, as the notify route asks it. */
function payment(overrides: Partial<MatchedMove> = {}): MatchedMove {
  return {
    id: 'a',
    appId: 'default',
    state: 'created',
    notExpiredAt: 500,
    matches: { channel: 'sandbox', amount: 499, currency: 'USD' },
    changes: { state: 'paid', updatedAt: 500, paidAt: 500 },
    event: {
      id: 'evt_a',
      type: 'bill.paid',
      dispatch: 'none',
      ...eventBodyAround('bill.paid', 500),
    },
    ...overrides,
  };
}

describe('PostgresBillStore.moveIfMatches', () => {
  it('changes a matching bill and records its event in one statement, answering the bill replaced and the one stored', async () => {
    const store = await openStore();
    const created = sampleBill('a', { extra: { note: 'é✓' } } as Partial<Bill>);
    await store.insertBill({ bill: created, launch: {} });
    const moved = await store.moveIfMatches(payment());
    const paid = { ...created, state: 'paid', updatedAt: 500, paidAt: 500 };
    expect(moved).toEqual({ from: created, to: paid });
    expect((await store.getBill('a'))!.bill).toEqual(paid);
    const [event] = await store.listEvents(0, 10);
    expect(event).toMatchObject({ id: 'evt_a', type: 'bill.paid', billId: 'a', createdAt: 500, dispatch: 'none' });
    // The body is the event's JSON around the bill exactly as stored.
    expect(JSON.parse(event!.body)).toEqual({
      type: 'bill.paid',
      timestamp: new Date(500).toISOString(),
      data: { bill: paid },
    });
    // A second payment finds the bill paid: nothing changes, no second event.
    expect(await store.moveIfMatches(payment({ event: { ...payment().event, id: 'evt_b' } }))).toBeUndefined();
    expect(await store.listEvents(0, 10)).toHaveLength(1);
  });

  it.each([
    ['another app', { appId: 'other' }],
    ['another state', { state: 'cancelled' as const }],
    ['a bill due to expire', { notExpiredAt: 1001 }],
    ['another channel', { matches: { channel: 'stripe', amount: 499, currency: 'USD' } }],
    ['another amount', { matches: { channel: 'sandbox', amount: 500, currency: 'USD' } }],
    ['another currency', { matches: { channel: 'sandbox', amount: 499, currency: 'EUR' } }],
    ['another bill', { id: 'b' }],
  ])('changes nothing for %s', async (_, overrides) => {
    const store = await openStore();
    const created = sampleBill('a');
    await store.insertBill({ bill: created, launch: {} });
    expect(await store.moveIfMatches(payment(overrides))).toBeUndefined();
    expect((await store.getBill('a'))!.bill).toEqual(created);
    expect(await store.listEvents(0, 10)).toEqual([]);
  });

  it('pays a bill at the last moment of its expiry, not after', async () => {
    const store = await openStore();
    await store.insertBill({ bill: sampleBill('a'), launch: {} });
    expect(await store.moveIfMatches(payment({ notExpiredAt: 1000 }))).toMatchObject({ to: { state: 'paid' } });
  });

  it('applies one of 50 concurrent payments of one bill, with one event', async () => {
    const store = await openStore();
    await store.insertBill({ bill: sampleBill('a'), launch: {} });
    const moves = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        store.moveIfMatches(payment({ event: { ...payment().event, id: `evt_${i}` } })),
      ),
    );
    expect(moves.filter(Boolean)).toHaveLength(1);
    expect(await store.listEvents(0, 100)).toHaveLength(1);
  });
});

describe('a payment notification on a PostgreSQL store', () => {
  it('is applied without reading the bill first', async () => {
    const { store: counted, reads } = countingReads(await openStore());
    const server = await startTestServer({ store: counted });
    const bill = await newBill(server);
    const before = reads(bill.id);
    await payBill(server, bill);
    expect(reads(bill.id) - before).toBe(0);
    expect(await readBill(server, bill.id)).toMatchObject({ state: 'paid' });
  });

  it('still pays a bill whose time ran out (a late payment), reading it first', async () => {
    let clock = 1_795_240_000_000;
    const { store: counted, reads } = countingReads(await openStore());
    const server = await startTestServer({ store: counted, now: () => clock, billTtlMs: 60_000 });
    const bill = await newBill(server);
    clock = bill.expiresAt + 1;
    const before = reads(bill.id);
    const answer = await notifySandbox(server, statementFor(bill));
    expect(answer.status).toBe(200);
    expect(reads(bill.id) - before).toBe(1);
    expect(await readBill(server, bill.id)).toMatchObject({ state: 'paid', paidAt: clock });
  });

  it("refuses a payment on another game's notify path: that game has no such bill", async () => {
    const store = await openStore();
    const { server, castle, miner } = await startTwoGames({ store });
    const { bill } = await buyGem(server, miner, 'ada');
    const body = JSON.stringify(statementFor(bill));
    const notify = (path: string, secret: string) =>
      call(server, path, {
        method: 'POST',
        body,
        headers: {
          'content-type': 'application/json',
          'x-sandbox-signature': createHmac('sha256', secret).update(body).digest('hex'),
        },
      });
    expect((await notify('/v1/notify/sandbox', castle.sandboxSecret)).body.error?.code).toBe('BILL_NOT_FOUND');
    expect((await store.getBill(bill.id))!.bill.state).toBe('created');
    expect((await notify('/apps/space-miner/v1/notify/sandbox', miner.sandboxSecret)).status).toBe(200);
    expect((await store.getBill(bill.id))!.bill.state).toBe('paid');
  });

  it('lets a wait held on another instance answer it without a read (the sealed change names the bill replaced)', async () => {
    const schema = freshSchemaName();
    schemas.push(schema);
    const [storeA, storeB] = [await openTestPostgresStore(schema), await openTestPostgresStore(schema)];
    stores.push(storeA, storeB);
    const { store: viewA, reads } = countingReads(storeA);
    const medium = await BUS_KINDS.find((kind) => kind.name === 'PostgresWakeBus')!.medium();
    const billTokenSecret = randomKey(32);
    const auth = { development: true, billTokenSecret } as const;
    const a = await startTestServer({ auth, store: viewA, bus: await medium.open(), holdSeconds: 10 });
    const b = await startTestServer({ auth, store: storeB, bus: await medium.open() });
    const bill = await newBill(a);
    const waiting = waitResult(a, bill.id, 10);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const before = reads(bill.id);
    await payBill(b, bill);
    const answer = await waiting;
    expect(answer.body).toMatchObject({ state: 'paid', settled: true });
    expect(reads(bill.id) - before).toBe(0);
  });
});
