import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { PostgresBillStore } from '../src/index.js';
import type { NewEvent } from '../src/store/event-outbox.js';
import { closeAllServers, newBill, notifySandbox, readBill, startTestServer, statementFor } from './helpers.js';
import { closeTestDatabase, dropSchema, freshSchemaName, openTestPostgresStore } from './postgres-test-database.js';
import { sampleBill as bill } from './store-kinds.js';

const schemas: string[] = [];
const stores: PostgresBillStore[] = [];

/** Two stores (two pools, as two pay server instances would have) over one fresh schema. */
async function twoInstances(): Promise<[PostgresBillStore, PostgresBillStore]> {
  const schema = freshSchemaName();
  schemas.push(schema);
  const pair = await Promise.all([openTestPostgresStore(schema), openTestPostgresStore(schema)]);
  stores.push(...pair);
  return pair;
}

afterEach(async () => {
  await closeAllServers();
  await Promise.all(stores.splice(0).map((store) => store.close()));
  await Promise.all(schemas.splice(0).map(dropSchema));
});
afterAll(closeTestDatabase);

const event = (id: string, billId: string): NewEvent => ({
  id,
  appId: 'default',
  type: 'bill.paid',
  billId,
  createdAt: 10,
  body: JSON.stringify({ id }),
  dispatch: 'pending',
});

/** Inserts `count` bills and pays each through the stores in turn: one pending event per bill. */
async function paidBills(pair: PostgresBillStore[], count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, (_, i) => `b${i}`);
  await Promise.all(
    ids.map(async (id, i) => {
      const store = pair[i % pair.length]!;
      await store.insertBill({ bill: bill(id), launch: {} });
      await store.transition(id, 'created', bill(id, { state: 'paid' }), event(`evt_${id}`, id));
    }),
  );
  return ids.map((id) => `evt_${id}`);
}

describe('PostgresBillStore: several instances over one database', () => {
  it('applies exactly one of 200 concurrent transitions of one bill across two instances, with one event', async () => {
    const [a, b] = await twoInstances();
    await a.insertBill({ bill: bill('x'), launch: {} });
    const outcomes = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        (i % 2 === 0 ? a : b).transition(
          'x',
          'created',
          bill('x', { state: 'paid', paidAt: i }),
          event(`evt_${i}`, 'x'),
        ),
      ),
    );
    const winners = outcomes.filter((outcome) => outcome.applied);
    expect(winners).toHaveLength(1);
    for (const outcome of outcomes) expect(outcome.bill).toEqual(winners[0]!.bill);
    const events = await b.listEvents(0, 1000);
    expect(events.map((e) => e.id)).toEqual([`evt_${winners[0]!.bill!.paidAt}`]);
  });

  it('never hands one event to two instances claiming at once, and hands out every due event', async () => {
    const [a, b] = await twoInstances();
    const all = await paidBills([a, b], 300);
    const claimAll = async (store: PostgresBillStore) => {
      const claimed: string[] = [];
      for (;;) {
        const batch = await store.claimDueEvents(100, 1_000_000, 7);
        if (batch.length === 0) return claimed;
        claimed.push(...batch.map((e) => e.id));
      }
    };
    const [byA, byB] = await Promise.all([claimAll(a), claimAll(b)]);
    expect(byA.length).toBeGreaterThan(0);
    expect(byB.length).toBeGreaterThan(0);
    expect(byA.filter((id) => byB.includes(id))).toEqual([]);
    expect([...byA, ...byB].sort()).toEqual([...all].sort());
  });

  it('lists every event to a reader following the cursor while two instances write at once (no seq skipped)', async () => {
    const [a, b] = await twoInstances();
    const seen: string[] = [];
    let cursor = 0;
    let writing = true;
    const follow = async () => {
      for (;;) {
        const done = !writing; // read before the page: a page read after the last commit holds every event
        const page = await a.listEvents(cursor, 1000);
        for (const e of page) {
          seen.push(e.id);
          cursor = e.seq;
        }
        if (done && page.length === 0) return;
      }
    };
    const reader = follow();
    const all = await paidBills([a, b], 400).finally(() => {
      writing = false;
    });
    await reader;
    expect(seen.sort()).toEqual([...all].sort());
  });

  it('serves one bill from two pay servers: created on one, paid through the other, read back on the first', async () => {
    const [a, b] = await twoInstances();
    const first = await startTestServer({ store: a });
    const second = await startTestServer({ store: b });
    const created = await newBill(first);
    expect((await notifySandbox(second, statementFor(created))).status).toBe(200);
    expect((await readBill(first, created.id)).state).toBe('paid');
    expect((await a.listEvents(0, 10)).map((e) => e.billId)).toEqual([created.id]);
  });
});
