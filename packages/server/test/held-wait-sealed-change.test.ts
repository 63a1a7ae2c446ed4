import { afterEach, describe, expect, it } from 'vitest';
import { MemoryBillStore } from '../src/index.js';
import { closeAllServers, countingReads, newBill, payBill, randomKey, startTestServer, waitResult } from './helpers.js';
import { verifyJws } from './verify-jws.js';
import { BUS_KINDS, closeOpenedBuses } from './wake-bus-kinds.js';

afterEach(async () => {
  await closeAllServers();
  await closeOpenedBuses();
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const CROSS_PROCESS_BUSES = BUS_KINDS.filter((kind) => kind.name !== 'InProcessWakeBus');

describe.each(CROSS_PROCESS_BUSES)('a change sealed across instances on $name', (kind) => {
  /** A holds a wait, B is notified; answers A's reads of the bill after the payment, and A's answer. */
  async function payOnB(secrets: { a: string; b: string }) {
    const shared = new MemoryBillStore();
    const view = countingReads(shared); // instance A's view of the shared store
    const medium = await kind.medium();
    const a = await startTestServer({
      auth: { development: true, billTokenSecret: secrets.a },
      store: view.store,
      bus: await medium.open(),
      holdSeconds: 10,
    });
    const b = await startTestServer({
      auth: { development: true, billTokenSecret: secrets.b },
      store: shared,
      bus: await medium.open(),
    });
    const bill = await newBill(a);
    const waiting = waitResult(a, bill.id, 10);
    await pause(200);
    const before = view.reads(bill.id);
    await payBill(b, bill);
    const answer = await waiting;
    return { readsAfter: view.reads(bill.id) - before, answer, keys: a.payServer.publicKeys(), bill };
  }

  it('lets the waiting instance answer without reading the bill when both share the secret', async () => {
    const secret = randomKey(32);
    const { readsAfter, answer, keys, bill } = await payOnB({ a: secret, b: secret });
    expect(answer.body).toMatchObject({ state: 'paid', settled: true });
    const { valid, payload } = await verifyJws(answer.body.result, keys);
    expect(valid).toBe(true);
    expect(payload).toMatchObject({ billId: bill.id, state: 'paid', nonce: answer.nonce });
    expect(readsAfter).toBe(0);
  });

  it('makes the waiting instance read the bill when the seal is not its own (another secret)', async () => {
    const { readsAfter, answer } = await payOnB({ a: randomKey(32), b: randomKey(32) });
    expect(answer.body).toMatchObject({ state: 'paid', settled: true });
    expect(readsAfter).toBe(1);
  });
});
