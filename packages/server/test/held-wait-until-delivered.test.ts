import { afterEach, describe, expect, it } from 'vitest';
import { call, closeAllServers, newBill, payBill, randomKey, startTestServer } from './helpers.js';
import { verifyJws } from './verify-jws.js';

afterEach(closeAllServers);

const waitUntilDelivered = (server: { url: string }, id: string, wait: number, nonce = randomKey()) =>
  call(server, `/v1/bills/${id}/result?wait=${wait}&nonce=${nonce}&until=delivered`).then((a) => ({ ...a, nonce }));

describe('GET /v1/bills/:id/result?until=delivered — server fulfilment', () => {
  it('holds a paid bill and answers, signed, the moment the game backend delivers it', async () => {
    const server = await startTestServer({ holdSeconds: 10 });
    const bill = await newBill(server);
    await payBill(server, bill);
    const started = Date.now();
    const waiting = waitUntilDelivered(server, bill.id, 10);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await call(server, `/v1/bills/${bill.id}/deliver`, { json: {} })).status).toBe(200);
    const answer = await waiting;
    const took = Date.now() - started;
    expect(took).toBeGreaterThanOrEqual(300);
    expect(took).toBeLessThan(3000);
    expect(answer.body).toMatchObject({ state: 'delivered', settled: true });
    const { valid, payload } = await verifyJws(answer.body.result, server.payServer.publicKeys());
    expect(valid).toBe(true);
    expect(payload).toMatchObject({ billId: bill.id, state: 'delivered', nonce: answer.nonce });
  });

  it('answers a paid bill at once without until (the v1 behaviour), and a delivered one at once with it', async () => {
    const server = await startTestServer({ holdSeconds: 10 });
    const bill = await newBill(server);
    await payBill(server, bill);
    let started = Date.now();
    const plain = await call(server, `/v1/bills/${bill.id}/result?wait=10&nonce=${randomKey()}`);
    expect(plain.body.state).toBe('paid');
    expect(Date.now() - started).toBeLessThan(1000);
    await call(server, `/v1/bills/${bill.id}/deliver`, { json: {} });
    started = Date.now();
    expect((await waitUntilDelivered(server, bill.id, 10)).body.state).toBe('delivered');
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('holds a paid bill no longer than the wait asked for, then answers paid', async () => {
    const server = await startTestServer({ holdSeconds: 10 });
    const bill = await newBill(server);
    await payBill(server, bill);
    const started = Date.now();
    const answer = await waitUntilDelivered(server, bill.id, 1);
    expect(answer.body.state).toBe('paid');
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('refuses any other until with 400 INVALID_FIELD', async () => {
    const server = await startTestServer();
    const bill = await newBill(server);
    const answer = await call(server, `/v1/bills/${bill.id}/result?wait=0&nonce=${randomKey()}&until=paid`);
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: 'INVALID_FIELD', field: 'until' });
  });
});
