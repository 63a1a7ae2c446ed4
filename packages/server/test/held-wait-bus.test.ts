import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { InProcessWakeBus, MemoryBillStore, type WakeBus } from '../src/index.js';
import { closeAllServers, newBill, payBill, startTestServer, waitResult } from './helpers.js';
import { closeTestDatabase, dropSchema, freshSchemaName, openTestPostgresStore } from './postgres-test-database.js';
import { BUS_KINDS, closeOpenedBuses } from './wake-bus-kinds.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  await closeAllServers();
  await closeOpenedBuses();
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
afterAll(closeTestDatabase);

/** An in-process bus whose listener can be made to "reconnect", as a PostgreSQL or Redis bus does after an outage. */
class ReconnectingBus extends InProcessWakeBus implements WakeBus {
  readonly #reconnects: Array<() => void> = [];
  override async subscribe(listener: Parameters<WakeBus['subscribe']>[0]) {
    this.#reconnects.push(() => listener.onReconnect());
    return super.subscribe(listener);
  }
  reconnect(): void {
    for (const reconnect of this.#reconnects) reconnect();
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('held waits and the wake-up bus', () => {
  it('keeps holding after a wake-up for a bill that did not change (a re-read, not an early answer)', async () => {
    const bus = new InProcessWakeBus();
    const server = await startTestServer({ bus, holdSeconds: 2 });
    const bill = await newBill(server);
    const started = Date.now();
    const waiting = waitResult(server, bill.id, 2);
    await pause(200);
    await bus.publish(bill.id);
    await bus.publish(bill.id);
    const answer = await waiting;
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
    expect(answer.body).toMatchObject({ state: 'created', settled: false });
  });

  it('ends the hold of a bill another instance changed when the bus reconnects, and keeps holding the others', async () => {
    const store = new MemoryBillStore();
    const bus = new ReconnectingBus();
    const a = await startTestServer({ store, bus, holdSeconds: 3 });
    const b = await startTestServer({ store }); // its own bus: a is never told
    const changed = await newBill(a);
    const unchanged = await newBill(a);
    const started = Date.now();
    const waitChanged = waitResult(a, changed.id, 3);
    const waitUnchanged = waitResult(a, unchanged.id, 3);
    await pause(200);
    await payBill(b, changed);
    await pause(300);
    bus.reconnect();
    const first = await waitChanged;
    expect(first.body.state).toBe('paid');
    expect(Date.now() - started).toBeLessThan(1500);
    const second = await waitUnchanged;
    expect(second.body.state).toBe('created');
    expect(Date.now() - started).toBeGreaterThanOrEqual(2900);
  });

  it('answers a wait on one instance when another is notified, without a bus only when its hold ends', async () => {
    const store = new MemoryBillStore();
    const a = await startTestServer({ store, holdSeconds: 2 });
    const b = await startTestServer({ store });
    const bill = await newBill(a);
    const started = Date.now();
    const waiting = waitResult(a, bill.id, 2);
    await pause(200);
    await payBill(b, bill);
    expect((await waiting).body.state).toBe('paid');
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
  });

  describe.each(BUS_KINDS)('two pay servers over one PostgreSQL schema with $name', (kind) => {
    it('ends a wait held on A the moment B is notified', async () => {
      const schema = freshSchemaName();
      cleanups.push(() => dropSchema(schema));
      const [storeA, storeB] = [await openTestPostgresStore(schema), await openTestPostgresStore(schema)];
      cleanups.push(
        () => storeA.close(),
        () => storeB.close(),
      );
      const medium = await kind.medium();
      const a = await startTestServer({ store: storeA, bus: await medium.open(), holdSeconds: 10 });
      const b = await startTestServer({ store: storeB, bus: await medium.open() });
      const bill = await newBill(a);
      const waiting = waitResult(a, bill.id, 10);
      await pause(200);
      const paidAt = Date.now();
      await payBill(b, bill);
      const answer = await waiting;
      expect(answer.body).toMatchObject({ state: 'paid', settled: true });
      expect(Date.now() - paidAt).toBeLessThan(1000);
    });
  });
});
