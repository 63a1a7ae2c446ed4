import { afterEach, describe, expect, it } from 'vitest';
import { InProcessWakeBus, MemoryBillStore } from '../src/index.js';
import { closeAllServers, countingReads, newBill, payBill, startTestServer, waitResult } from './helpers.js';
import { verifyJws } from './verify-jws.js';

afterEach(closeAllServers);

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a held wait woken by a change this process committed', () => {
  it('answers the stored successor without reading the bill again, signed as a read would be', async () => {
    const { store, reads } = countingReads(new MemoryBillStore());
    const server = await startTestServer({ store, holdSeconds: 10 });
    const bill = await newBill(server);
    const waiting = waitResult(server, bill.id, 10);
    await pause(150);
    const before = reads(bill.id); // the create's and the wait's first read
    await payBill(server, bill);
    const answer = await waiting;
    // The notification reads the bill once (its checks); the woken wait reads it no more.
    expect(reads(bill.id) - before).toBe(1);
    expect(answer.body).toMatchObject({ state: 'paid', settled: true });
    const { valid, payload } = await verifyJws(answer.body.result, server.payServer.publicKeys());
    expect(valid).toBe(true);
    expect(payload).toMatchObject({ billId: bill.id, state: 'paid', nonce: answer.nonce });
  });

  it('reads the store when the change replaced a bill other than the one the wait read', async () => {
    // Two pay servers over one store: the wait's server learns of the payment only through the bus (no change
    // carried), so it must read the bill again to answer.
    const memory = new MemoryBillStore();
    const { store, reads } = countingReads(memory);
    const bus = new InProcessWakeBus();
    const waiting = await startTestServer({ store, bus, holdSeconds: 10 });
    const notified = await startTestServer({ store: memory, bus });
    const bill = await newBill(waiting);
    const answer = waitResult(waiting, bill.id, 10);
    await pause(150);
    const before = reads(bill.id);
    await payBill(notified, bill);
    expect((await answer).body).toMatchObject({ state: 'paid', settled: true });
    expect(reads(bill.id) - before).toBe(1); // the woken wait's own read; the notification read `memory` directly
  });
});
