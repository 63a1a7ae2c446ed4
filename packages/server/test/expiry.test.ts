import { afterEach, describe, expect, it } from 'vitest';
import {
  call,
  closeAllServers,
  newBill,
  notifySandbox,
  readBill,
  startTestServer,
  statementFor,
  waitResult,
} from './helpers.js';

afterEach(closeAllServers);

describe('expiry', () => {
  it('expires an unpaid bill lazily on read once the clock passes expiresAt', async () => {
    let clock = 1_795_240_000_000;
    const server = await startTestServer({ now: () => clock, billTtlMs: 60_000 });
    const bill = await newBill(server);
    expect(bill.expiresAt).toBe(clock + 60_000);
    clock = bill.expiresAt;
    expect((await readBill(server, bill.id)).state).toBe('created');
    clock += 1;
    expect(await readBill(server, bill.id)).toMatchObject({ state: 'expired', updatedAt: clock });
    // An expired bill can no longer be cancelled or delivered; the channel's decline (an unpaid outcome, like the
    // expiry) is a repeat: 200, nothing changes.
    const cancel = await call(server, `/v1/bills/${bill.id}/cancel`, { json: {} });
    expect(cancel.body.error).toMatchObject({ code: 'INVALID_TRANSITION', state: 'expired' });
    const deliver = await call(server, `/v1/bills/${bill.id}/deliver`, { json: {} });
    expect(deliver.body.error).toMatchObject({ code: 'INVALID_TRANSITION', state: 'expired' });
    const decline = await notifySandbox(server, statementFor(bill, 'decline'));
    expect(decline.status).toBe(200);
    const wait = await waitResult(server, bill.id, 0);
    expect(wait.body).toMatchObject({ state: 'expired', settled: true });
    expect((await readBill(server, bill.id)).state).toBe('expired');
  });

  it('honours a verified payment that arrives after the bill expired (the channel took the money in time)', async () => {
    let clock = 1_795_240_000_000;
    const server = await startTestServer({ now: () => clock, billTtlMs: 60_000 });
    const bill = await newBill(server);
    clock = bill.expiresAt + 16 * 60_000;
    expect((await readBill(server, bill.id)).state).toBe('expired');
    const late = await notifySandbox(server, statementFor(bill));
    expect(late.status).toBe(200);
    expect(await readBill(server, bill.id)).toMatchObject({ state: 'paid', paidAt: clock });
    const wait = await waitResult(server, bill.id, 0);
    expect(wait.body).toMatchObject({ state: 'paid', settled: true });
  });

  it('lists due bills as expired, not created', async () => {
    let clock = 1_795_240_000_000;
    const server = await startTestServer({ now: () => clock, billTtlMs: 1000 });
    const bill = await newBill(server);
    clock += 5000;
    expect((await call(server, '/v1/bills?user=player-42&state=created')).body.bills).toEqual([]);
    const expired = (await call(server, '/v1/bills?user=player-42&state=expired')).body.bills;
    expect(expired.map((b: { id: string }) => b.id)).toEqual([bill.id]);
  });

  it('answers a held wait with `expired` the moment the bill expires', async () => {
    const server = await startTestServer({ holdSeconds: 10, billTtlMs: 300 });
    const bill = await newBill(server);
    const started = Date.now();
    const answer = await waitResult(server, bill.id, 10);
    expect(answer.body).toMatchObject({ state: 'expired', settled: true });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('sweeps due bills in the background and wakes their waits', async () => {
    let clock = 1_795_240_000_000;
    const server = await startTestServer({ now: () => clock, billTtlMs: 60_000, holdSeconds: 10, sweepIntervalMs: 50 });
    const bill = await newBill(server);
    const waiting = waitResult(server, bill.id, 5);
    await new Promise((resolve) => setTimeout(resolve, 100));
    clock += 120_000; // nobody reads; only the sweep can notice
    const answer = await waiting;
    expect(answer.body.state).toBe('expired');
    expect((await readBill(server, bill.id)).state).toBe('expired');
  });

  it('never expires a paid bill', async () => {
    let clock = 1_795_240_000_000;
    const server = await startTestServer({ now: () => clock, billTtlMs: 1000 });
    const bill = await newBill(server);
    await notifySandbox(server, statementFor(bill));
    clock += 10_000;
    expect((await readBill(server, bill.id)).state).toBe('paid');
  });
});
