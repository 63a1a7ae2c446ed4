import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChannelDriver, ChannelStatus } from '../src/index.js';
import { call, closeAllServers, newBill, readBill, startTestServer, waitResult } from './helpers.js';

/**
 * A payment provider on loopback: a payment is taken with `POST /pay/<billId>` — and its notification to the pay
 * server is lost (never sent) — and `GET /payments/<billId>` reports it, as a provider's query API would.
 */
async function startProvider() {
  const paid = new Map<string, { amount: number; currency: string }>();
  const queries: string[] = [];
  const server: Server = createServer((request, response) => {
    const [, action, billId = ''] = (request.url ?? '').split('/');
    if (request.method === 'POST' && action === 'pay') {
      paid.set(billId, { amount: 499, currency: 'USD' });
      return void response.writeHead(204).end();
    }
    if (request.method === 'GET' && action === 'payments') {
      queries.push(billId);
      const payment = paid.get(billId);
      response.writeHead(200, { 'content-type': 'application/json' });
      return void response.end(JSON.stringify(payment ? { status: 'succeeded', ...payment } : { status: 'open' }));
    }
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  providers.push(server);
  return { url, queries };
}

const providers: Server[] = [];
afterEach(async () => {
  await closeAllServers();
  await Promise.all(providers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

/** The driver of that provider: it launches nothing and asks `GET /payments/<billId>` over HTTP. */
function providerDriver(providerUrl: string): ChannelDriver {
  return {
    id: 'lossy',
    resultSource: ['server'],
    launch: (bill) => ({ checkoutUrl: `${providerUrl}/checkout/${bill.id}` }),
    async query(bill): Promise<ChannelStatus> {
      const response = await fetch(`${providerUrl}/payments/${bill.id}`);
      if (!response.ok) throw new Error(`the provider answered ${response.status}`);
      const payment = (await response.json()) as { status: string; amount?: number; currency?: string };
      if (payment.status !== 'succeeded') return { pending: true, reason: payment.status };
      return { billId: bill.id, transition: 'paid', amount: payment.amount!, currency: payment.currency! };
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the query fallback, end to end on loopback', () => {
  it('a payment whose notification never arrives is paid at the first checkpoint, waking the held wait', async () => {
    const provider = await startProvider();
    let clock = 1_795_240_000_000;
    const server = await startTestServer({
      drivers: [providerDriver(provider.url)],
      now: () => clock,
      holdSeconds: 10,
      query: { intervalMs: 20 },
    });
    const bill = await newBill(server, { channel: 'lossy' });
    const waiting = waitResult(server, bill.id, 10);
    await fetch(`${provider.url}/pay/${bill.id}`, { method: 'POST' });
    await sleep(150); // several sweeps run; the clock has not reached the first checkpoint
    expect(provider.queries).toEqual([]);
    expect((await readBill(server, bill.id)).state).toBe('created');

    const started = Date.now();
    clock += 2 * 60_000;
    const answer = await waiting;
    expect(answer.body).toMatchObject({ state: 'paid', settled: true });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(provider.queries).toEqual([bill.id]);
    expect(await readBill(server, bill.id)).toMatchObject({ state: 'paid', paidAt: clock });
    const events = await call(server, '/v1/events?after=0');
    expect(events.body.events.map((event: { type: string }) => event.type)).toEqual(['bill.paid']);
  });

  it('leaves an unpaid bill created while the provider says it is open, and asks nothing more once it expired', async () => {
    const provider = await startProvider();
    let clock = 1_795_240_000_000;
    const server = await startTestServer({
      drivers: [providerDriver(provider.url)],
      now: () => clock,
      billTtlMs: 3 * 60_000,
      query: { intervalMs: 20, afterExpiryMs: 60_000 },
    });
    const bill = await newBill(server, { channel: 'lossy' });
    clock += 2 * 60_000;
    await sleep(150);
    expect(provider.queries).toEqual([bill.id]);
    clock += 2 * 60_000; // one minute past expiry
    await sleep(150);
    expect(provider.queries).toEqual([bill.id, bill.id]);
    clock += 60 * 60_000;
    await sleep(150);
    expect(provider.queries).toEqual([bill.id, bill.id]);
    expect((await readBill(server, bill.id)).state).toBe('expired');
  });
});
