import { afterEach, describe, expect, it } from 'vitest';
import { call, closeAllServers, createBill, readBill, startTestServer, waitResult } from './helpers.js';

afterEach(closeAllServers);

async function sandboxBill(server: { url: string }, overrides: Record<string, unknown> = {}) {
  const { body } = await createBill(server, overrides);
  return body as { bill: { id: string; state: string }; launch: { checkoutUrl: string; decideUrl: string } };
}

describe('sandbox driver', () => {
  it('serves a self-contained checkout page with the item, the amount and the three buttons', async () => {
    const server = await startTestServer();
    const { launch } = await sandboxBill(server, { itemId: '<b>gems</b>', quantity: 2, amount: 998 });
    const response = await fetch(launch.checkoutUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const policy = response.headers.get('content-security-policy')!;
    expect(policy).toMatch(/default-src 'none'; script-src 'nonce-[A-Za-z0-9_-]+'/);
    const html = await response.text();
    for (const id of ['approve', 'decline', 'cancel']) expect(html).toContain(`<button id="${id}"`);
    expect(html).toContain('$9.98');
    expect(html).toContain('&lt;b&gt;gems&lt;/b&gt; × 2');
    expect(html).not.toContain('<b>gems</b>');
    expect(html).not.toMatch(/<script src=|<link /); // nothing loaded from elsewhere
    expect(html).toContain("'coinslot-sandbox'");
  });

  it('formats amounts in the currency’s own minor unit', async () => {
    const server = await startTestServer();
    const { launch } = await sandboxBill(server, { amount: 500, currency: 'JPY' });
    expect(await (await fetch(launch.checkoutUrl)).text()).toContain('¥500');
  });

  it('refuses a wrong or missing token and an unknown bill', async () => {
    const server = await startTestServer();
    const { bill, launch } = await sandboxBill(server);
    const wrong = await call(server, launch.checkoutUrl.replace(/token=.*/, 'token=AAAAAAAAAAAAAAAAAAAAAA'));
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toMatchObject({ code: 'INVALID_FIELD', field: 'token' });
    const missing = await call(server, `/v1/sandbox/checkout/${bill.id}`);
    expect(missing.body.error.field).toBe('token');
    const decide = await call(server, launch.decideUrl.replace(/token=.*/, 'token=nope'), {
      json: { decision: 'approve' },
    });
    expect(decide.status).toBe(400);
    expect((await readBill(server, bill.id)).state).toBe('created');
    const otherBill = (await sandboxBill(server)).bill.id;
    const swapped = await call(server, launch.checkoutUrl.replace(bill.id, otherBill));
    expect(swapped.body.error.field).toBe('token'); // a token opens only its own bill
    expect((await call(server, '/v1/sandbox/nothing')).body.error.code).toBe('NOT_FOUND');
    expect((await call(server, launch.decideUrl)).status).toBe(405);
  });

  it('server mode: decide sends a signed notification through the notify path, and the wait answers', async () => {
    const server = await startTestServer({ holdSeconds: 10 });
    const { bill, launch } = await sandboxBill(server);
    const waiting = waitResult(server, bill.id, 10);
    const answer = await call(server, launch.decideUrl, { json: { decision: 'approve', mode: 'server' } });
    expect(answer).toMatchObject({ status: 200, body: { ok: true } });
    expect((await waiting).body.state).toBe('paid');
    expect((await readBill(server, bill.id)).state).toBe('paid');
    // Deciding again: the notification is a harmless repeat for approve, a 409 for another decision.
    expect((await call(server, launch.decideUrl, { json: { decision: 'approve' } })).status).toBe(200);
    const late = await call(server, launch.decideUrl, { json: { decision: 'cancel' } });
    expect(late.status).toBe(409);
    expect(late.body.error).toMatchObject({ code: 'INVALID_TRANSITION', state: 'paid' });
    expect((await readBill(server, bill.id)).state).toBe('paid');
  });

  it('server mode defaults when no mode is sent; decline and cancel settle accordingly', async () => {
    const server = await startTestServer();
    const declined = await sandboxBill(server);
    const cancelled = await sandboxBill(server);
    await call(server, declined.launch.decideUrl, { json: { decision: 'decline' } });
    await call(server, cancelled.launch.decideUrl, { json: { decision: 'cancel' } });
    expect(await readBill(server, declined.bill.id)).toMatchObject({ state: 'failed', failureReason: 'declined' });
    expect((await readBill(server, cancelled.bill.id)).state).toBe('cancelled');
  });

  it('client mode: decide answers a signed proof and changes nothing until it is reported', async () => {
    const server = await startTestServer();
    const { bill, launch } = await sandboxBill(server);
    const answer = await call(server, launch.decideUrl, { json: { decision: 'approve', mode: 'client' } });
    expect(answer.status).toBe(200);
    expect(answer.body.proof).toEqual({
      billId: bill.id,
      decision: 'approve',
      amount: 499,
      currency: 'USD',
      issuedAt: expect.any(Number),
      signature: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect((await readBill(server, bill.id)).state).toBe('created');
    const report = await call(server, `/v1/bills/${bill.id}/report`, { json: { proof: answer.body.proof } });
    expect(report.body.bill.state).toBe('paid');
  });

  it('refuses a bad decide body', async () => {
    const server = await startTestServer();
    const { bill, launch } = await sandboxBill(server);
    const cases: Array<[unknown, string, string]> = [
      [{}, 'MISSING_FIELD', 'decision'],
      [{ decision: 'maybe' }, 'INVALID_FIELD', 'decision'],
      [{ decision: 'approve', mode: 'both' }, 'INVALID_FIELD', 'mode'],
      [{ decision: 'approve', amount: 1 }, 'UNKNOWN_FIELD', 'amount'],
    ];
    for (const [json, code, field] of cases) {
      expect((await call(server, launch.decideUrl, { json })).body.error).toMatchObject({ code, field });
    }
    expect((await readBill(server, bill.id)).state).toBe('created');
  });

  it('shows a settled bill without live buttons', async () => {
    const server = await startTestServer();
    const { launch } = await sandboxBill(server);
    await call(server, launch.decideUrl, { json: { decision: 'cancel' } });
    const html = await (await fetch(launch.checkoutUrl)).text();
    expect(html).toContain('<button id="approve" data-decision="approve" disabled>');
    expect(html).toContain('This bill is already cancelled.');
  });
});
