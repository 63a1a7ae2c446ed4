import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createSandboxDriver, type ChannelDriver } from '../src/index.js';
import {
  SANDBOX_SECRET,
  call,
  closeAllServers,
  newBill,
  notifySandbox,
  readBill,
  startTestServer,
  statementFor,
} from './helpers.js';

afterEach(closeAllServers);

describe('POST /v1/notify/:channel', () => {
  it('applies a verified notification, and a repeat answers 200 without a second change', async () => {
    let clock = 1_795_240_000_000;
    const server = await startTestServer({ now: () => clock });
    const bill = await newBill(server);
    clock += 1000;
    const statement = statementFor(bill);
    const first = await notifySandbox(server, statement);
    expect(first).toMatchObject({ status: 200, body: { ok: true } });
    const paid = await readBill(server, bill.id);
    expect(paid).toMatchObject({ state: 'paid', paidAt: clock, updatedAt: clock });
    clock += 1000;
    expect((await notifySandbox(server, statement)).status).toBe(200);
    expect(await readBill(server, bill.id)).toEqual(paid);
    await call(server, `/v1/bills/${bill.id}/deliver`, { json: {} });
    // A channel retrying after the game delivered still gets its 2xx.
    expect((await notifySandbox(server, statement)).status).toBe(200);
    expect((await readBill(server, bill.id)).state).toBe('delivered');
  });

  it('maps decline to failed (declined) and cancel to cancelled', async () => {
    const server = await startTestServer();
    const declined = await newBill(server);
    const cancelled = await newBill(server);
    await notifySandbox(server, statementFor(declined, 'decline'));
    await notifySandbox(server, statementFor(cancelled, 'cancel'));
    expect(await readBill(server, declined.id)).toMatchObject({ state: 'failed', failureReason: 'declined' });
    expect(await readBill(server, cancelled.id)).toMatchObject({ state: 'cancelled' });
    expect((await readBill(server, cancelled.id)).failureReason).toBeUndefined();
  });

  it('changes nothing for a bad signature, a wrong amount or currency, or an unknown bill', async () => {
    const server = await startTestServer();
    const bill = await newBill(server);
    const body = JSON.stringify(statementFor(bill));
    const unsigned = await call(server, '/v1/notify/sandbox', {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json' },
    });
    const wrongKey = await notifySandbox(server, statementFor(bill), 'another-secret-0123456789');
    const tampered = await call(server, '/v1/notify/sandbox', {
      method: 'POST',
      body: body.replace('"approve"', '"decline"'),
      headers: { 'x-sandbox-signature': createHmac('sha256', SANDBOX_SECRET).update(body).digest('hex') },
    });
    const notHex = await call(server, '/v1/notify/sandbox', {
      method: 'POST',
      body,
      headers: { 'x-sandbox-signature': 'zz' },
    });
    const wrongAmount = await notifySandbox(server, { ...statementFor(bill), amount: 1 });
    const wrongCurrency = await notifySandbox(server, { ...statementFor(bill), currency: 'EUR' });
    const extraField = await notifySandbox(server, { ...statementFor(bill), bonus: 1 });
    for (const answer of [unsigned, wrongKey, tampered, notHex, wrongAmount, wrongCurrency, extraField]) {
      expect(answer.status).toBe(400);
      expect(answer.body.error).toMatchObject({ code: 'INVALID_NOTIFICATION', retryable: false });
    }
    const unknown = await notifySandbox(server, { ...statementFor(bill), billId: 'b_unknown' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('BILL_NOT_FOUND');
    expect(await readBill(server, bill.id)).toEqual(bill);
  });

  it('refuses a notification from another channel’s driver for this bill, and channels without drivers', async () => {
    const other: ChannelDriver = {
      ...createSandboxDriver({ secret: SANDBOX_SECRET }),
      id: 'other',
      routes: undefined,
    };
    const server = await startTestServer({ drivers: [createSandboxDriver({ secret: SANDBOX_SECRET }), other] });
    const bill = await newBill(server); // a sandbox bill
    const body = JSON.stringify(statementFor(bill));
    const viaOther = await call(server, '/v1/notify/other', {
      method: 'POST',
      body,
      headers: { 'x-sandbox-signature': createHmac('sha256', SANDBOX_SECRET).update(body).digest('hex') },
    });
    expect(viaOther.status).toBe(400);
    expect(viaOther.body.error.code).toBe('INVALID_NOTIFICATION');
    const noDriver = await call(server, '/v1/notify/paypal', { method: 'POST', body });
    expect(noDriver.body.error.code).toBe('UNKNOWN_CHANNEL');
    expect(await readBill(server, bill.id)).toEqual(bill);
  });

  it('answers 409 for a notification that contradicts a settled bill, and leaves it as it was', async () => {
    const server = await startTestServer();
    const declined = await newBill(server);
    await notifySandbox(server, statementFor(declined, 'decline'));
    const paidAfterDecline = await notifySandbox(server, statementFor(declined));
    expect(paidAfterDecline.status).toBe(409);
    expect(paidAfterDecline.body.error).toMatchObject({ code: 'INVALID_TRANSITION', state: 'failed' });
    expect((await readBill(server, declined.id)).state).toBe('failed');

    const cancelled = await newBill(server);
    await call(server, `/v1/bills/${cancelled.id}/cancel`, { json: {} });
    // A decline after the player cancelled says nothing new (both unpaid): a repeat, answered 200, no change.
    const declineAfterCancel = await notifySandbox(server, statementFor(cancelled, 'decline'));
    expect(declineAfterCancel).toMatchObject({ status: 200 });
    expect(await readBill(server, cancelled.id)).toMatchObject({ state: 'cancelled' });
    expect((await readBill(server, cancelled.id)).failureReason).toBeUndefined();
  });

  it('honours a verified payment on a bill the player cancelled (the checkout closed after paying)', async () => {
    const server = await startTestServer();
    const bill = await newBill(server);
    await call(server, `/v1/bills/${bill.id}/cancel`, { json: {} });
    const late = await notifySandbox(server, statementFor(bill));
    expect(late.status).toBe(200);
    expect((await readBill(server, bill.id)).state).toBe('paid');
  });
});

describe('POST /v1/bills/:id/report', () => {
  async function proofFor(server: { url: string }, decideUrl: string, decision = 'approve') {
    const answer = await call(server, decideUrl, { json: { decision, mode: 'client' } });
    expect(answer.status).toBe(200);
    return answer.body.proof as Record<string, unknown>;
  }

  it('applies a good proof; a retried report answers 200 without a change', async () => {
    const server = await startTestServer();
    const created = await call(server, '/v1/bills', {
      json: { userId: 'p', itemId: 'gem', quantity: 1, amount: 499, currency: 'USD', channel: 'sandbox' },
      headers: { 'idempotency-key': 'key-report-1' },
    });
    const { bill, launch } = created.body;
    const proof = await proofFor(server, launch.decideUrl);
    expect((await readBill(server, bill.id)).state).toBe('created'); // issuing a proof changes nothing
    const report = await call(server, `/v1/bills/${bill.id}/report`, { json: { proof } });
    expect(report.status).toBe(200);
    expect(report.body.bill).toMatchObject({ id: bill.id, state: 'paid' });
    const again = await call(server, `/v1/bills/${bill.id}/report`, { json: { proof } });
    expect(again.status).toBe(200);
    expect(again.body.bill).toEqual(report.body.bill);
    expect(await readBill(server, bill.id)).toEqual(report.body.bill);
  });

  it('refuses forged proofs with INVALID_PROOF and changes nothing', async () => {
    const server = await startTestServer();
    const first = await call(server, '/v1/bills', {
      json: { userId: 'p', itemId: 'gem', quantity: 1, amount: 499, currency: 'USD', channel: 'sandbox' },
      headers: { 'idempotency-key': 'key-forged-1' },
    });
    const second = await newBill(server, { userId: 'p' });
    const { bill, launch } = first.body;
    const proof = await proofFor(server, launch.decideUrl, 'decline');
    const forgeries = [
      { ...proof, decision: 'approve' }, // the signature covers the decision
      { ...proof, amount: 1 },
      { ...proof, signature: '00'.repeat(32) },
      { ...proof, signature: 'not-hex' },
      { ...proof, extra: true },
      { billId: bill.id, decision: 'approve' },
    ];
    for (const forged of forgeries) {
      const answer = await call(server, `/v1/bills/${bill.id}/report`, { json: { proof: forged } });
      expect(answer.status, JSON.stringify(forged)).toBe(400);
      expect(answer.body.error).toMatchObject({ code: 'INVALID_PROOF', retryable: false });
    }
    // A genuine proof of one bill is no proof for another.
    const elsewhere = await call(server, `/v1/bills/${second.id}/report`, { json: { proof } });
    expect(elsewhere.body.error.code).toBe('INVALID_PROOF');
    expect(await readBill(server, bill.id)).toEqual(bill);
    expect(await readBill(server, second.id)).toEqual(second);
  });

  it('refuses a report body without a proof object, or with unknown fields', async () => {
    const server = await startTestServer();
    const bill = await newBill(server);
    const cases: Array<[unknown, string, string]> = [
      [{}, 'MISSING_FIELD', 'proof'],
      [{ proof: 'abc' }, 'INVALID_FIELD', 'proof'],
      [{ proof: {}, receipt: {} }, 'UNKNOWN_FIELD', 'receipt'],
    ];
    for (const [json, code, field] of cases) {
      const answer = await call(server, `/v1/bills/${bill.id}/report`, { json });
      expect(answer.body.error).toMatchObject({ code, field });
    }
    expect(await readBill(server, bill.id)).toEqual(bill);
  });

  it('answers CHANNEL_MISMATCH for a bill whose channel reports server-side only', async () => {
    const serverOnly: ChannelDriver = {
      id: 'bank',
      resultSource: ['server'],
      launch: () => ({ orderId: 'o-1' }),
    };
    const server = await startTestServer({ drivers: [serverOnly] });
    const bill = await newBill(server, { channel: 'bank' });
    const answer = await call(server, `/v1/bills/${bill.id}/report`, { json: { proof: { ok: true } } });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('CHANNEL_MISMATCH');
    expect(await readBill(server, bill.id)).toEqual(bill);
    expect((await call(server, '/v1/channels')).body).toEqual({ channels: [{ id: 'bank', resultSource: ['server'] }] });
  });
});
