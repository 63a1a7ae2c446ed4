// @ts-check
import { randomUUID } from 'node:crypto';

/**
 * Creates `count` sandbox bills through the server's own `handle()` — the real `POST /v1/bills` path
 * (validation, idempotency, the sandbox launch payload), without the HTTP round trip, since creating bills
 * is set-up, not what is measured. Each is a different player buying one coin pack.
 * @param {import('@coinslot/server').PayServer} payServer
 * @param {string} origin
 * @param {{ count: number, tag: string }} what
 * @returns {Promise<import('../lib/bench-server.mjs').BenchBill[]>}
 */
export async function seedBills(payServer, origin, { count, tag }) {
  const bills = new Array(count);
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < count; i = next++) {
      const body = JSON.stringify({
        userId: `bench-${tag}-${i}`,
        itemId: 'coins-550',
        quantity: 1,
        amount: 499,
        currency: 'USD',
        channel: 'sandbox',
        os: 'linux',
        sdkVersion: 'bench',
      });
      const headers = { 'content-type': 'application/json', 'idempotency-key': randomUUID() };
      const answer = await payServer.handle(new Request(`${origin}/v1/bills`, { method: 'POST', headers, body }));
      if (answer.status !== 201) throw new Error(`POST /v1/bills answered ${answer.status}: ${await answer.text()}`);
      const { bill } = await answer.json();
      bills[i] = { id: bill.id, amount: bill.amount, currency: bill.currency };
    }
  };
  await Promise.all(Array.from({ length: 16 }, lane));
  return bills;
}
