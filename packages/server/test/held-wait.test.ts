import { afterEach, describe, expect, it } from 'vitest';
import { startPayServer } from '../src/index.js';
import {
  call,
  closeAllServers,
  newBill,
  payBill,
  randomKey,
  readBill,
  startTestServer,
  waitResult,
} from './helpers.js';
import { verifyJws } from './verify-jws.js';

afterEach(closeAllServers);

describe('GET /v1/bills/:id/result — the held wait', () => {
  it('holds, then answers the moment a notification settles the bill', async () => {
    const server = await startTestServer({ holdSeconds: 10 });
    const bill = await newBill(server);
    const started = Date.now();
    const waiting = waitResult(server, bill.id, 10);
    await new Promise((resolve) => setTimeout(resolve, 150));
    await payBill(server, bill);
    const answer = await waiting;
    expect(Date.now() - started).toBeLessThan(3000);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ state: 'paid', settled: true });
    const { valid, payload } = await verifyJws(answer.body.result, server.payServer.publicKeys());
    expect(valid).toBe(true);
    expect(payload).toMatchObject({ billId: bill.id, state: 'paid', nonce: answer.nonce });
  });

  it('answers at once when the result arrived before the wait started', async () => {
    const server = await startTestServer({ holdSeconds: 10 });
    const bill = await newBill(server);
    await payBill(server, bill);
    const started = Date.now();
    const answer = await waitResult(server, bill.id, 10);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(answer.body).toMatchObject({ state: 'paid', settled: true });
  });

  it('answers every one of many concurrent waits on one bill', async () => {
    const server = await startTestServer({ holdSeconds: 10 });
    const bill = await newBill(server);
    const waits = Array.from({ length: 40 }, () => waitResult(server, bill.id, 10));
    await new Promise((resolve) => setTimeout(resolve, 200));
    await payBill(server, bill);
    const answers = await Promise.all(waits);
    const keys = server.payServer.publicKeys();
    for (const answer of answers) {
      expect(answer.body.state).toBe('paid');
      const { valid, payload } = await verifyJws(answer.body.result, keys);
      expect(valid).toBe(true);
      expect(payload.nonce).toBe(answer.nonce);
    }
  });

  it('answers two concurrent waits on one bill', async () => {
    const server = await startTestServer({ holdSeconds: 10 });
    const bill = await newBill(server);
    const [a, b] = [waitResult(server, bill.id, 10), waitResult(server, bill.id, 10)];
    await new Promise((resolve) => setTimeout(resolve, 100));
    await call(server, `/v1/bills/${bill.id}/cancel`, { json: { reason: 'closed' } });
    expect((await a).body.state).toBe('cancelled');
    expect((await b).body.state).toBe('cancelled');
  });

  it('answers 200 with a signed `created` result when the hold ends with nothing new', async () => {
    const server = await startTestServer({ holdSeconds: 0.3 });
    const bill = await newBill(server);
    const started = Date.now();
    // The client allows 25 s; the server caps the hold at its own limit.
    const answer = await waitResult(server, bill.id, 25);
    const held = Date.now() - started;
    expect(held).toBeGreaterThanOrEqual(280);
    expect(held).toBeLessThan(2000);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ state: 'created', settled: false });
    const { valid, payload } = await verifyJws(answer.body.result, server.payServer.publicKeys());
    expect(valid).toBe(true);
    expect(payload).toMatchObject({ state: 'created', nonce: answer.nonce });
    expect((await readBill(server, bill.id)).state).toBe('created');
  });

  it('with pending=unsigned, answers "still pending" without a signature, and signs every settled answer', async () => {
    const server = await startTestServer({ holdSeconds: 0.3 });
    const bill = await newBill(server);
    const unsigned = (wait: number, id = bill.id) =>
      call(server, `/v1/bills/${id}/result?wait=${wait}&nonce=${randomKey()}&pending=unsigned`);
    // The hold ends with nothing new, and wait=0: both "still pending", nothing signed.
    for (const wait of [25, 0]) {
      const answer = await unsigned(wait);
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({ state: 'created', settled: false });
    }
    // Woken by the payment: signed, as it would be without the option.
    const waiting = unsigned(10);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await payBill(server, bill);
    const woken = await waiting;
    expect(woken.body).toMatchObject({ state: 'paid', settled: true });
    expect((await verifyJws(woken.body.result, server.payServer.publicKeys())).valid).toBe(true);
    // Settled already, and a paid bill held through `until=delivered` until its hold ends: signed.
    expect((await unsigned(0)).body.result).toEqual(expect.any(String));
    const held = await call(
      server,
      `/v1/bills/${bill.id}/result?wait=25&nonce=${randomKey()}&until=delivered&pending=unsigned`,
    );
    expect(held.body).toMatchObject({ state: 'paid', settled: true, result: expect.any(String) });
  });

  it('answers at once with wait=0, and holds no longer than the client allows', async () => {
    const server = await startTestServer({ holdSeconds: 10 });
    const bill = await newBill(server);
    let started = Date.now();
    expect((await waitResult(server, bill.id, 0)).body.state).toBe('created');
    expect(Date.now() - started).toBeLessThan(500);
    started = Date.now();
    expect((await waitResult(server, bill.id, 0.2)).body.state).toBe('created');
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('forgets a wait whose client went away, and still answers the next one', async () => {
    const server = await startTestServer({ holdSeconds: 10 });
    const bill = await newBill(server);
    const controller = new AbortController();
    const gone = fetch(`${server.url}/v1/bills/${bill.id}/result?wait=10&nonce=${randomKey()}`, {
      signal: controller.signal,
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    controller.abort();
    await expect(gone).rejects.toThrow();
    await payBill(server, bill);
    expect((await waitResult(server, bill.id, 10)).body.state).toBe('paid');
  });

  it('answers held waits when the server closes', async () => {
    const server = await startTestServer({ holdSeconds: 10 });
    const bill = await newBill(server);
    const waiting = waitResult(server, bill.id, 10);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    await server.payServer.close();
    const answer = await waiting;
    expect(Date.now() - started).toBeLessThan(1000);
    expect(answer.body).toMatchObject({ state: 'created', settled: false });
    expect((await call(server, '/v1/keys')).body.error).toMatchObject({ code: 'UNAVAILABLE', retryable: true });
  });

  it('refuses a bad nonce, wait or pending and an unknown bill', async () => {
    const server = await startTestServer();
    const bill = await newBill(server);
    const cases: Array<[string, number, string, string]> = [
      [`/v1/bills/${bill.id}/result?wait=1`, 400, 'MISSING_FIELD', 'nonce'],
      [`/v1/bills/${bill.id}/result?wait=1&nonce=short`, 400, 'INVALID_FIELD', 'nonce'],
      [`/v1/bills/${bill.id}/result?wait=1&nonce=${'x'.repeat(129)}`, 400, 'INVALID_FIELD', 'nonce'],
      [`/v1/bills/${bill.id}/result?wait=1&nonce=has.dots.in.it.0123456789`, 400, 'INVALID_FIELD', 'nonce'],
      [`/v1/bills/${bill.id}/result?wait=-1&nonce=${randomKey()}`, 400, 'INVALID_FIELD', 'wait'],
      [`/v1/bills/${bill.id}/result?wait=soon&nonce=${randomKey()}`, 400, 'INVALID_FIELD', 'wait'],
      [`/v1/bills/${bill.id}/result?wait=1&nonce=${randomKey()}&pending=signed`, 400, 'INVALID_FIELD', 'pending'],
    ];
    for (const [path, status, code, field] of cases) {
      const answer = await call(server, path);
      expect(answer.status, path).toBe(status);
      expect(answer.body.error, path).toMatchObject({ code, field });
    }
    const unknown = await call(server, `/v1/bills/b_nope/result?wait=1&nonce=${randomKey()}`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('BILL_NOT_FOUND');
  });
});

describe('startPayServer', () => {
  it('close() answers held waits and stops listening promptly, keep-alive connections included', async () => {
    const running = await startPayServer({ auth: { development: true }, port: 0, holdSeconds: 20 });
    const bill = await newBill(running);
    const waits = [1, 2, 3].map(() => waitResult(running, bill.id, 20));
    await new Promise((resolve) => setTimeout(resolve, 150));
    const started = Date.now();
    await running.close();
    expect(Date.now() - started).toBeLessThan(2000);
    for (const answer of await Promise.all(waits))
      expect(answer.body).toMatchObject({ state: 'created', settled: false });
    await expect(fetch(`${running.url}/v1/keys`)).rejects.toThrow();
  });
});
