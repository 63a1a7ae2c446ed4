import type { Bill } from '@coinslot/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryBillStore, type BillStore } from '../src/index.js';
import { expectedOf } from '../src/store/bill-store.js';
import {
  call,
  closeAllServers,
  newBill,
  notifySandbox,
  payBill,
  readBill,
  startTestServer,
  statementFor,
  waitResult,
  wrapStore,
} from './helpers.js';
import { verifyJws } from './verify-jws.js';

afterEach(closeAllServers);

/** A signed sandbox refund notification: `refundedAmount` is the channel's running total. */
const refund = (server: { url: string }, bill: Bill, refundedAmount: number) =>
  notifySandbox(server, { ...statementFor(bill), decision: 'refund', refundedAmount });

/** A signed sandbox chargeback notification. */
const chargeback = (server: { url: string }, bill: Bill) =>
  notifySandbox(server, { ...statementFor(bill), decision: 'chargeback' });

const deliver = (server: { url: string }, bill: Bill) => call(server, `/v1/bills/${bill.id}/deliver`, { json: {} });

/** The stored bills of `store`'s recorded events, in order, as `[type, state, refundedAmount]`. */
async function recordedEvents(store: BillStore) {
  const events = await store.listEvents(0, 100);
  return events.map((event) => {
    const body = JSON.parse(event.body) as { type: string; data: { bill: Bill } };
    expect(body.type).toBe(event.type);
    return [event.type, body.data.bill.state, body.data.bill.refundedAmount];
  });
}

describe('reversals: refunds and chargebacks (protocol §1 "Reversals")', () => {
  it('a partial refund moves a paid bill to refunded with the running total, the reason and refundedAt', async () => {
    let clock = 1_795_240_000_000;
    const server = await startTestServer({ now: () => clock });
    const bill = await newBill(server);
    await payBill(server, bill);
    clock += 1000;
    expect(await refund(server, bill, 100)).toMatchObject({ status: 200, body: { ok: true } });
    expect(await readBill(server, bill.id)).toMatchObject({
      state: 'refunded',
      refundedAmount: 100,
      refundedAt: clock,
      updatedAt: clock,
      reversalReason: 'requested_by_customer',
      paidAt: clock - 1000,
    });
  });

  it('a larger refund total raises refundedAmount; an equal or smaller one is a repeat without a change', async () => {
    let clock = 1_795_240_000_000;
    const server = await startTestServer({ now: () => clock });
    const bill = await newBill(server);
    await payBill(server, bill);
    await refund(server, bill, 100);
    clock += 1000;
    expect((await refund(server, bill, 300)).status).toBe(200);
    const raised = await readBill(server, bill.id);
    expect(raised).toMatchObject({ state: 'refunded', refundedAmount: 300, refundedAt: clock });
    clock += 1000;
    for (const total of [300, 100]) {
      expect((await refund(server, bill, total)).status).toBe(200);
      expect(await readBill(server, bill.id)).toEqual(raised);
    }
    expect((await refund(server, bill, bill.amount)).status).toBe(200);
    expect((await readBill(server, bill.id)).refundedAmount).toBe(bill.amount);
  });

  it('a chargeback of a refunded bill is applied, and is final: a repeat and a later refund change nothing', async () => {
    let clock = 1_795_240_000_000;
    const server = await startTestServer({ now: () => clock });
    const bill = await newBill(server);
    await payBill(server, bill);
    await refund(server, bill, 100);
    clock += 1000;
    expect((await chargeback(server, bill)).status).toBe(200);
    const chargedBack = await readBill(server, bill.id);
    expect(chargedBack).toMatchObject({ state: 'charged_back', chargedBackAt: clock, reversalReason: 'fraudulent' });
    clock += 1000;
    expect((await chargeback(server, bill)).status).toBe(200);
    // 200, not 409: a chargeback already gave the money back, and a 409 would make the channel retry for days.
    expect((await refund(server, bill, 200)).status).toBe(200);
    expect(await readBill(server, bill.id)).toEqual(chargedBack);
  });

  it('a chargeback moves a delivered bill to charged_back', async () => {
    const server = await startTestServer();
    const bill = await newBill(server);
    await payBill(server, bill);
    await deliver(server, bill);
    expect((await chargeback(server, bill)).status).toBe(200);
    expect((await readBill(server, bill.id)).state).toBe('charged_back');
  });

  it('a payment notification retried after the refund is a repeat', async () => {
    const server = await startTestServer();
    const bill = await newBill(server);
    await payBill(server, bill);
    await refund(server, bill, 50);
    const refunded = await readBill(server, bill.id);
    expect((await notifySandbox(server, statementFor(bill))).status).toBe(200);
    expect(await readBill(server, bill.id)).toEqual(refunded);
  });

  it('a refund notified before its payment answers 409; the channel’s retry applies once the payment arrived', async () => {
    const server = await startTestServer();
    const bill = await newBill(server);
    const early = await refund(server, bill, 200);
    expect(early.status).toBe(409);
    expect(early.body.error).toMatchObject({ code: 'INVALID_TRANSITION', state: 'created' });
    expect(await readBill(server, bill.id)).toEqual(bill);
    await payBill(server, bill);
    expect((await refund(server, bill, 200)).status).toBe(200);
    expect(await readBill(server, bill.id)).toMatchObject({ state: 'refunded', refundedAmount: 200 });
  });

  it('reversals of a failed or cancelled bill answer 409 INVALID_TRANSITION and change nothing', async () => {
    const server = await startTestServer();
    const failed = await newBill(server);
    const cancelled = await newBill(server);
    await notifySandbox(server, statementFor(failed, 'decline'));
    await call(server, `/v1/bills/${cancelled.id}/cancel`, { json: {} });
    for (const bill of [failed, cancelled]) {
      const before = await readBill(server, bill.id);
      for (const answer of [await refund(server, bill, 1), await chargeback(server, bill)]) {
        expect(answer.status).toBe(409);
        expect(answer.body.error).toMatchObject({ code: 'INVALID_TRANSITION', state: before.state });
      }
      expect(await readBill(server, bill.id)).toEqual(before);
    }
  });

  it('deliver of a refunded or charged-back bill answers 409 INVALID_TRANSITION with error.state', async () => {
    const server = await startTestServer();
    const refunded = await newBill(server);
    const chargedBack = await newBill(server);
    for (const bill of [refunded, chargedBack]) await payBill(server, bill);
    await refund(server, refunded, 1);
    await chargeback(server, chargedBack);
    for (const [bill, state] of [
      [refunded, 'refunded'],
      [chargedBack, 'charged_back'],
    ] as const) {
      const answer = await deliver(server, bill);
      expect(answer.status).toBe(409);
      expect(answer.body.error).toMatchObject({ code: 'INVALID_TRANSITION', state });
      expect((await readBill(server, bill.id)).state).toBe(state);
    }
  });

  it('a refund total outside 1–amount answers 400 INVALID_NOTIFICATION and changes nothing', async () => {
    const server = await startTestServer();
    const bill = await newBill(server);
    await payBill(server, bill);
    const paid = await readBill(server, bill.id);
    for (const total of [0, -1, bill.amount + 1, 1.5]) {
      const answer = await refund(server, bill, total);
      expect(answer.status, String(total)).toBe(400);
      expect(answer.body.error.code).toBe('INVALID_NOTIFICATION');
    }
    expect(await readBill(server, bill.id)).toEqual(paid);
  });

  it('concurrent partial refunds end at the larger total, whichever write the store sees last', async () => {
    const inner = new MemoryBillStore();
    // The smaller total's write is slow: without ordering it would land after the larger one and lower the total.
    const store = wrapStore(inner, {
      transition: async (id, from, next, event) => {
        if (next.refundedAmount === 200) await new Promise((resolve) => setTimeout(resolve, 50));
        return inner.transition(id, from, next, event);
      },
    });
    const server = await startTestServer({ store });
    const bill = await newBill(server);
    await payBill(server, bill);
    await refund(server, bill, 100);
    const answers = await Promise.all([refund(server, bill, 200), refund(server, bill, 300)]);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
    expect(await readBill(server, bill.id)).toMatchObject({ state: 'refunded', refundedAmount: 300 });
  });

  it('a refund that loses the compare-and-set to a concurrent deliver is applied to the delivered bill', async () => {
    const inner = new MemoryBillStore();
    const store = wrapStore(inner, {
      transition: async (id, from, next, event) => {
        if (expectedOf(from).state === 'paid' && next.state === 'refunded')
          await new Promise((resolve) => setTimeout(resolve, 50));
        return inner.transition(id, from, next, event);
      },
    });
    const server = await startTestServer({ store });
    const bill = await newBill(server);
    await payBill(server, bill);
    const [refunded, delivered] = await Promise.all([refund(server, bill, 100), deliver(server, bill)]);
    expect([refunded.status, delivered.status]).toEqual([200, 200]);
    expect(await readBill(server, bill.id)).toMatchObject({ state: 'refunded', refundedAmount: 100 });
    expect((await readBill(server, bill.id)).deliveredAt).toEqual(expect.any(Number));
  });

  it('records an event for each change: bill.refunded with refundedAmount in data.bill, then bill.charged_back', async () => {
    const store = new MemoryBillStore();
    const server = await startTestServer({ store });
    const bill = await newBill(server);
    await payBill(server, bill);
    await refund(server, bill, 100);
    await refund(server, bill, 100); // a repeat: no event
    await refund(server, bill, 250);
    await chargeback(server, bill);
    await chargeback(server, bill); // a repeat: no event
    expect(await recordedEvents(store)).toEqual([
      ['bill.paid', 'paid', undefined],
      ['bill.refunded', 'refunded', 100],
      ['bill.refunded', 'refunded', 250],
      ['bill.charged_back', 'charged_back', 250],
    ]);
  });

  it('the signed result of a refunded bill carries refundedAmount; a charged-back one carries null', async () => {
    const server = await startTestServer();
    const keys = (await call(server, '/v1/keys')).body.keys;
    const bill = await newBill(server);
    await payBill(server, bill);
    await refund(server, bill, 120);
    const refunded = await verifyJws((await waitResult(server, bill.id, 0)).body.result, keys);
    expect(refunded.valid).toBe(true);
    expect(refunded.payload).toMatchObject({ state: 'refunded', refundedAmount: 120, amount: bill.amount });
    await chargeback(server, bill);
    const chargedBack = await verifyJws((await waitResult(server, bill.id, 0)).body.result, keys);
    expect(chargedBack.payload).toMatchObject({ state: 'charged_back', refundedAmount: null });
  });
});
