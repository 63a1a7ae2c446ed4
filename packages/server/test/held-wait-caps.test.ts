import { afterEach, describe, expect, it } from 'vitest';
import { createSandboxDriver } from '../src/index.js';
import {
  billBody,
  call,
  closeAllServers,
  newBill,
  payBill,
  randomKey,
  startTestServer,
  type TestServer,
} from './helpers.js';
import { callFrom, type RawAnswer } from './limits-client.js';

afterEach(closeAllServers);

/** Sends `count` held waits on `billId` at once from `from`; answers them as they come. */
function waitsFrom(from: string, server: TestServer, billId: string, count: number, headers?: Record<string, string>) {
  const answered: RawAnswer[] = [];
  const all = Array.from({ length: count }, () =>
    callFrom(from, `${server.url}/v1/bills/${billId}/result?wait=25&nonce=${randomKey()}`, { headers }).then(
      (answer) => {
        answered.push(answer);
        return answer;
      },
    ),
  );
  return { answered, all: Promise.all(all) };
}

const until = async (done: () => boolean, ms = 15_000) => {
  const end = Date.now() + ms;
  while (!done() && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 25));
};

describe('caps on held waits over real HTTP', () => {
  it('holds at most the per-bill cap (64) of 2,000 waits on one bill and answers the rest 429 at once', async () => {
    const server = await startTestServer({
      holdSeconds: 25,
      limits: { wait: { perIp: { burst: 5000, perMinute: 5000 } } },
    });
    const bill = await newBill(server);
    const started = Date.now();
    const waits = waitsFrom('127.0.0.1', server, bill.id, 2000);
    await until(() => waits.answered.length >= 2000 - 64);
    expect(Date.now() - started, 'the refusals come at once, not after the 25 s hold').toBeLessThan(15_000);
    expect(waits.answered.length).toBe(2000 - 64);
    expect(new Set(waits.answered.map((answer) => answer.status))).toEqual(new Set([429]));
    expect(waits.answered[0]!.body.error).toMatchObject({
      code: 'RATE_LIMITED',
      message: expect.stringMatching(/held waits on this bill/),
    });
    expect(waits.answered[0]!.headers['retry-after']).toBe('5');
    await payBill(server, bill);
    const answers = await waits.all;
    const held = answers.filter((answer) => answer.status === 200);
    expect(held.length).toBe(64);
    for (const answer of held) expect(answer.body.state).toBe('paid');
  }, 60_000);

  it('at default limits, holds at most 64 of 2,000 waits on one bill: the rest are refused by the cap or the rate limit', async () => {
    const server = await startTestServer({ holdSeconds: 25 });
    const bill = await newBill(server);
    const waits = waitsFrom('127.0.0.2', server, bill.id, 2000);
    await until(() => waits.answered.length >= 2000 - 64);
    expect(waits.answered.every((answer) => answer.status === 429)).toBe(true);
    await payBill(server, bill);
    const held = (await waits.all).filter((answer) => answer.status === 200);
    expect(held.length).toBeGreaterThan(0);
    expect(held.length).toBeLessThanOrEqual(64);
  }, 60_000);

  it('caps held waits per IP across bills, and frees the places when the holds end', async () => {
    const server = await startTestServer({ holdSeconds: 10, limits: { heldWaitsPerIp: 3 } });
    const [a, b] = [await newBill(server), await newBill(server)];
    const first = waitsFrom('127.0.0.2', server, a.id, 2);
    const second = waitsFrom('127.0.0.2', server, b.id, 2);
    await until(() => first.answered.length + second.answered.length >= 1);
    expect([...first.answered, ...second.answered].map((answer) => answer.status)).toEqual([429]);
    const other = waitsFrom('127.0.0.3', server, b.id, 1);
    await payBill(server, a);
    await payBill(server, b);
    expect((await other.all)[0]!.status).toBe(200);
    await Promise.all([first.all, second.all]);
    const again = waitsFrom('127.0.0.2', server, a.id, 3);
    expect((await again.all).map((answer) => answer.status)).toEqual([200, 200, 200]);
  });

  it('caps held waits per identity, from any address', async () => {
    const SERVER_KEY = 'csk_held-wait-caps-test-key-0123456789abcdef';
    const server = await startTestServer({
      holdSeconds: 10,
      auth: { serverKeys: [SERVER_KEY] },
      drivers: [createSandboxDriver()],
      catalog: { 'gem-pack-small': { amount: 499, currency: 'USD' } },
      limits: { heldWaitsPerIdentity: 2 },
    });
    const backend = { authorization: `Bearer ${SERVER_KEY}` };
    const { body } = await call(server, '/v1/bills', {
      json: billBody(),
      headers: { ...backend, 'idempotency-key': randomKey() },
    });
    const token = { authorization: `Bearer ${body.billToken}` };
    const near = waitsFrom('127.0.0.1', server, body.bill.id, 1, token);
    const far = waitsFrom('127.0.0.2', server, body.bill.id, 2, token);
    await until(() => far.answered.length >= 1);
    expect(far.answered[0]).toMatchObject({
      status: 429,
      body: { error: { message: expect.stringMatching(/held waits on this credential/) } },
    });
    await call(server, `/v1/bills/${body.bill.id}/cancel`, { json: {}, headers: backend });
    expect((await near.all)[0]!.body.state).toBe('cancelled');
    await far.all;
  });
});
