import { createHmac } from 'node:crypto';
import type { Bill } from '@coinslot/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import {
  SANDBOX_SECRET,
  call,
  closeAllServers,
  createBill,
  notifySandbox,
  readBill,
  startTestServer,
  statementFor,
} from './helpers.js';

afterEach(closeAllServers);

interface SandboxBill {
  bill: Bill;
  launch: { checkoutUrl: string; decideUrl: string };
}

/** A sandbox bill, approved through its checkout when `paid`; with its refund and chargeback URLs. */
async function sandboxBill(server: { url: string }, paid = true) {
  const { bill, launch } = (await createBill(server)).body as SandboxBill;
  if (paid) expect((await call(server, launch.decideUrl, { json: { decision: 'approve' } })).status).toBe(200);
  const refundUrl = launch.decideUrl.replace('/decide?', '/refund?');
  const chargebackUrl = launch.decideUrl.replace('/decide?', '/chargeback?');
  return { bill, launch, refundUrl, chargebackUrl };
}

describe('sandbox reversals: the development refund and chargeback routes', () => {
  it('refund without an amount refunds all that is left', async () => {
    const server = await startTestServer();
    const { bill, refundUrl } = await sandboxBill(server);
    expect(await call(server, refundUrl, { json: {} })).toMatchObject({ status: 200, body: { ok: true } });
    expect(await readBill(server, bill.id)).toMatchObject({ state: 'refunded', refundedAmount: bill.amount });
  });

  it('refund with an amount refunds that part, and the next part adds to the running total', async () => {
    const server = await startTestServer();
    const { bill, refundUrl } = await sandboxBill(server);
    await call(server, refundUrl, { json: { amount: 100 } });
    expect((await readBill(server, bill.id)).refundedAmount).toBe(100);
    await call(server, refundUrl, { json: { amount: 150 } });
    expect((await readBill(server, bill.id)).refundedAmount).toBe(250);
    await call(server, refundUrl, { json: {} });
    expect((await readBill(server, bill.id)).refundedAmount).toBe(bill.amount);
  });

  it('refund of more than is left, or of a non-integer amount, answers 400 INVALID_FIELD amount', async () => {
    const server = await startTestServer();
    const { bill, refundUrl } = await sandboxBill(server);
    await call(server, refundUrl, { json: { amount: 400 } });
    for (const amount of [0, 100, 1.5, '10']) {
      const answer = await call(server, refundUrl, { json: { amount } });
      expect(answer.body.error, String(amount)).toMatchObject({ code: 'INVALID_FIELD', field: 'amount' });
    }
    expect((await readBill(server, bill.id)).refundedAmount).toBe(400);
  });

  it('a fully refunded bill answers 409 INVALID_TRANSITION to another refund, but can still be charged back', async () => {
    const server = await startTestServer();
    const { bill, refundUrl, chargebackUrl } = await sandboxBill(server);
    await call(server, refundUrl, { json: {} });
    const again = await call(server, refundUrl, { json: {} });
    expect(again.body.error).toMatchObject({ code: 'INVALID_TRANSITION', state: 'refunded' });
    expect((await call(server, chargebackUrl, { json: {} })).status).toBe(200);
    expect((await readBill(server, bill.id)).state).toBe('charged_back');
  });

  it('chargeback of a delivered bill answers ok and the bill is charged_back', async () => {
    const server = await startTestServer();
    const { bill, chargebackUrl } = await sandboxBill(server);
    await call(server, `/v1/bills/${bill.id}/deliver`, { json: {} });
    expect((await call(server, chargebackUrl, { json: {} })).status).toBe(200);
    expect(await readBill(server, bill.id)).toMatchObject({ state: 'charged_back', reversalReason: 'fraudulent' });
  });

  it('reversing an unpaid or charged-back bill answers 409 INVALID_TRANSITION without a notification', async () => {
    const server = await startTestServer();
    const open = await sandboxBill(server, false);
    for (const url of [open.refundUrl, open.chargebackUrl]) {
      expect((await call(server, url, { json: {} })).body.error).toMatchObject({
        code: 'INVALID_TRANSITION',
        state: 'created',
      });
    }
    const lost = await sandboxBill(server);
    await call(server, lost.chargebackUrl, { json: {} });
    for (const url of [lost.refundUrl, lost.chargebackUrl]) {
      expect((await call(server, url, { json: {} })).body.error.state).toBe('charged_back');
    }
    expect((await readBill(server, open.bill.id)).state).toBe('created');
  });

  it('the routes need the bill’s checkout token, POST, JSON and known fields', async () => {
    const server = await startTestServer();
    const { bill, refundUrl, chargebackUrl } = await sandboxBill(server);
    const wrongToken = await call(server, refundUrl.replace(/token=.*/, 'token=nope'), { json: {} });
    expect(wrongToken.body.error).toMatchObject({ code: 'INVALID_FIELD', field: 'token' });
    expect((await call(server, refundUrl)).status).toBe(405);
    expect((await call(server, refundUrl, { method: 'POST' })).body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect((await call(server, refundUrl, { json: { reason: 'x' } })).body.error).toMatchObject({
      code: 'UNKNOWN_FIELD',
      field: 'reason',
    });
    expect((await call(server, chargebackUrl, { json: { amount: 1 } })).body.error).toMatchObject({
      code: 'UNKNOWN_FIELD',
      field: 'amount',
    });
    expect((await readBill(server, bill.id)).state).toBe('paid');
  });
});

describe('sandbox reversals: the checkout page', () => {
  it('offers Refund (what is left) and Open chargeback on a paid bill', async () => {
    const server = await startTestServer();
    const { launch, refundUrl } = await sandboxBill(server);
    await call(server, refundUrl, { json: { amount: 99 } });
    const response = await fetch(launch.checkoutUrl);
    expect(response.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    const html = await response.text();
    expect(html).toContain('<button id="refund" data-reversal="refund">Refund</button>');
    expect(html).toContain('<button id="chargeback" data-reversal="chargeback">Open chargeback</button>');
    expect(html).toContain('max="400" step="1" value="400"');
    expect(html).toContain('This bill is already refunded ($0.99 of $4.99 refunded).');
  });

  it('offers no reversal on an open bill, and only a chargeback once all is refunded', async () => {
    const server = await startTestServer();
    const open = await sandboxBill(server, false);
    const openHtml = await (await fetch(open.launch.checkoutUrl)).text();
    expect(openHtml).not.toContain('data-reversal=');
    const full = await sandboxBill(server);
    await call(server, full.refundUrl, { json: {} });
    const fullHtml = await (await fetch(full.launch.checkoutUrl)).text();
    expect(fullHtml).not.toContain('id="refund"');
    expect(fullHtml).toContain('id="chargeback"');
  });
});

describe('sandbox reversals: notifications and proofs', () => {
  it('a refund notification needs exactly the five members and refundedAmount; a chargeback exactly the five', async () => {
    const server = await startTestServer();
    const { bill } = await sandboxBill(server);
    const base = statementFor(bill);
    const refused: Array<Record<string, unknown>> = [
      { ...base, decision: 'refund' },
      { ...base, decision: 'refund', refundedAmount: '10' },
      { ...base, decision: 'refund', refundedAmount: 10, reason: 'x' },
      { ...base, decision: 'chargeback', refundedAmount: 10 },
      { ...base, decision: 'approve', refundedAmount: 10 },
      { ...base, decision: 'reverse' },
    ];
    for (const body of refused) {
      const answer = await notifySandbox(server, body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body.error.code).toBe('INVALID_NOTIFICATION');
    }
    expect((await readBill(server, bill.id)).state).toBe('paid');
    const refund = await notifySandbox(server, { ...base, decision: 'refund', refundedAmount: 10 });
    expect(refund.status).toBe(200);
    expect((await notifySandbox(server, { ...base, decision: 'chargeback' })).status).toBe(200);
    expect((await readBill(server, bill.id)).state).toBe('charged_back');
  });

  it('a proof cannot carry a reversal: a signed refund proof answers 400 INVALID_PROOF', async () => {
    const server = await startTestServer();
    const { bill } = await sandboxBill(server);
    const statement = { ...statementFor(bill), decision: 'refund' };
    const text = `coinslot-sandbox/proof\n${bill.id}\nrefund\n${bill.amount}\n${bill.currency}\n${statement.issuedAt}`;
    const signature = createHmac('sha256', SANDBOX_SECRET).update(text).digest('hex');
    const answer = await call(server, `/v1/bills/${bill.id}/report`, { json: { proof: { ...statement, signature } } });
    expect(answer.body.error.code).toBe('INVALID_PROOF');
    expect((await readBill(server, bill.id)).state).toBe('paid');
  });
});
