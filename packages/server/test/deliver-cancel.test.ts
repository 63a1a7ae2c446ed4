import { afterEach, describe, expect, it } from 'vitest';
import {
  call,
  closeAllServers,
  newBill,
  notifySandbox,
  payBill,
  readBill,
  startTestServer,
  statementFor,
} from './helpers.js';

afterEach(closeAllServers);

describe('POST /v1/bills/:id/deliver', () => {
  it('moves paid → delivered once; a repeat answers alreadyDelivered and deliveredAt never moves', async () => {
    let clock = 1_795_240_000_000;
    const server = await startTestServer({ now: () => clock });
    const bill = await newBill(server);
    await payBill(server, bill);
    clock += 1000;
    const first = await call(server, `/v1/bills/${bill.id}/deliver`, { json: {} });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ alreadyDelivered: false, bill: { state: 'delivered', deliveredAt: clock } });
    clock += 5000;
    const again = await call(server, `/v1/bills/${bill.id}/deliver`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
    }); // an empty JSON body is {}
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ alreadyDelivered: true, bill: { deliveredAt: clock - 5000 } });
    const stored = await readBill(server, bill.id);
    expect(stored).toMatchObject({ state: 'delivered', deliveredAt: clock - 5000, paidAt: clock - 6000 });
  });

  it('makes one transition for 50 concurrent delivers, and every one of them succeeds', async () => {
    const server = await startTestServer();
    const bill = await newBill(server);
    await payBill(server, bill);
    const answers = await Promise.all(
      Array.from({ length: 50 }, () => call(server, `/v1/bills/${bill.id}/deliver`, { json: {} })),
    );
    expect(answers.every((answer) => answer.status === 200)).toBe(true);
    expect(answers.filter((answer) => answer.body.alreadyDelivered === false)).toHaveLength(1);
    const deliveredAt = new Set(answers.map((answer) => answer.body.bill.deliveredAt));
    expect(deliveredAt.size).toBe(1);
    expect((await readBill(server, bill.id)).deliveredAt).toBe([...deliveredAt][0]);
  });

  it('refuses to deliver a bill that is not paid, changing nothing', async () => {
    const server = await startTestServer();
    const bill = await newBill(server);
    const answer = await call(server, `/v1/bills/${bill.id}/deliver`, { json: {} });
    expect(answer.status).toBe(409);
    expect(answer.body.error).toMatchObject({ code: 'INVALID_TRANSITION', state: 'created', retryable: false });
    expect(await readBill(server, bill.id)).toEqual(bill);
    const unknownField = await call(server, `/v1/bills/${bill.id}/deliver`, { json: { force: true } });
    expect(unknownField.body.error).toMatchObject({ code: 'UNKNOWN_FIELD', field: 'force' });
    expect((await call(server, '/v1/bills/b_missing/deliver', { json: {} })).status).toBe(404);
  });
});

describe('POST /v1/bills/:id/cancel', () => {
  it('cancels a created bill; a repeat answers 200 again', async () => {
    const server = await startTestServer();
    const bill = await newBill(server);
    const first = await call(server, `/v1/bills/${bill.id}/cancel`, { json: { reason: 'closed' } });
    expect(first.status).toBe(200);
    expect(first.body.bill.state).toBe('cancelled');
    const again = await call(server, `/v1/bills/${bill.id}/cancel`, { json: {} });
    expect(again.status).toBe(200);
    expect(again.body.bill).toEqual(first.body.bill);
    expect(await readBill(server, bill.id)).toEqual(first.body.bill);
  });

  it('leaves a bill paid meanwhile paid: 409 with the state', async () => {
    const server = await startTestServer();
    const bill = await newBill(server);
    await payBill(server, bill);
    const answer = await call(server, `/v1/bills/${bill.id}/cancel`, { json: {} });
    expect(answer.status).toBe(409);
    expect(answer.body.error).toMatchObject({ code: 'INVALID_TRANSITION', state: 'paid' });
    expect((await readBill(server, bill.id)).state).toBe('paid');
  });

  it('ends paid whichever of a cancel and a verified payment lands first: a paid bill is never lost', async () => {
    const server = await startTestServer();
    for (let round = 0; round < 10; round += 1) {
      const bill = await newBill(server);
      const [cancel, notify] = await Promise.all([
        call(server, `/v1/bills/${bill.id}/cancel`, { json: {} }),
        notifySandbox(server, statementFor(bill)),
      ]);
      expect(notify.status).toBe(200);
      expect((await readBill(server, bill.id)).state).toBe('paid');
      // The cancel either lost the race (409, the bill was paid) or won it and the late payment overrode it.
      if (cancel.status === 409) expect(cancel.body.error.state).toBe('paid');
      else expect(cancel.status).toBe(200);
    }
  });

  it('refuses a bad reason and unknown fields without cancelling', async () => {
    const server = await startTestServer();
    const bill = await newBill(server);
    const badReason = await call(server, `/v1/bills/${bill.id}/cancel`, { json: { reason: 42 } });
    expect(badReason.body.error).toMatchObject({ code: 'INVALID_FIELD', field: 'reason' });
    const unknown = await call(server, `/v1/bills/${bill.id}/cancel`, { json: { reson: 'typo' } });
    expect(unknown.body.error).toMatchObject({ code: 'UNKNOWN_FIELD', field: 'reson' });
    expect((await readBill(server, bill.id)).state).toBe('created');
  });
});

describe('GET /v1/bills?user=&state=', () => {
  it('lists a user’s bills in one state, oldest first, paid by default', async () => {
    let clock = 1_795_240_000_000;
    const server = await startTestServer({ now: () => (clock += 10) });
    const bills = [];
    for (let i = 0; i < 3; i += 1) bills.push(await newBill(server));
    await newBill(server, { userId: 'someone-else' });
    for (const bill of [bills[2]!, bills[0]!]) await payBill(server, bill);
    const paid = await call(server, '/v1/bills?user=player-42');
    expect(paid.body.bills.map((b: { id: string }) => b.id)).toEqual([bills[0]!.id, bills[2]!.id]);
    const created = await call(server, '/v1/bills?user=player-42&state=created');
    expect(created.body.bills.map((b: { id: string }) => b.id)).toEqual([bills[1]!.id]);
    expect((await call(server, '/v1/bills?user=nobody&state=paid')).body).toEqual({ bills: [] });
  });

  it('caps the list at 100 and refuses a missing user or an unknown state', async () => {
    const server = await startTestServer();
    await Promise.all(Array.from({ length: 105 }, () => newBill(server)));
    expect((await call(server, '/v1/bills?user=player-42&state=created')).body.bills).toHaveLength(100);
    const noUser = await call(server, '/v1/bills?state=paid');
    expect(noUser.body.error).toMatchObject({ code: 'MISSING_FIELD', field: 'user' });
    const badState = await call(server, '/v1/bills?user=player-42&state=settled');
    expect(badState.body.error).toMatchObject({ code: 'INVALID_FIELD', field: 'state' });
  });
});
