// @ts-check
import { randomUUID } from 'node:crypto';

/** The bench's one item, and its price in the catalog of a server with real auth. */
export const BENCH_ITEM = { itemId: 'coins-550', amount: 499, currency: 'USD' };

/**
 * Creates `count` sandbox bills through the server's own `handle()` — the real `POST /v1/bills` path
 * (validation, idempotency, the sandbox launch payload), without the HTTP round trip, since creating bills
 * is set-up, not what is measured. Each is a different player buying one coin pack. With `tokens` (a server in
 * player-token mode), bill `i` is created with player token `i`, as that player's game would, and the answer keeps
 * the bill and its bill token for the client's journal. With `serverKey` too, each is created with the server key
 * for that player instead (the game backend creating it: a digest to check, not an ES256 signature); its creator gets
 * the bill token all the same, and the client keeps the player's token.
 * @param {import('@coinslot/server').PayServer} payServer
 * @param {string} origin
 * @param {{ count: number, tag: string, tokens?: string[], serverKey?: string }} what
 * @returns {Promise<import('../lib/bench-server.mjs').BenchBill[]>}
 */
export async function seedBills(payServer, origin, { count, tag, tokens, serverKey }) {
  const bills = new Array(count);
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < count; i = next++) {
      const body = JSON.stringify({
        userId: `bench-${tag}-${i}`,
        itemId: BENCH_ITEM.itemId,
        quantity: 1,
        amount: BENCH_ITEM.amount,
        currency: BENCH_ITEM.currency,
        channel: 'sandbox',
        os: 'linux',
        sdkVersion: 'bench',
      });
      /** @type {Record<string, string>} */
      const headers = { 'content-type': 'application/json', 'idempotency-key': randomUUID() };
      const token = tokens?.[i];
      if (token) headers.authorization = `Bearer ${serverKey ?? token}`;
      const answer = await payServer.handle(new Request(`${origin}/v1/bills`, { method: 'POST', headers, body }));
      if (answer.status !== 201) throw new Error(`POST /v1/bills answered ${answer.status}: ${await answer.text()}`);
      const { bill, billToken } = await answer.json();
      bills[i] = token
        ? { id: bill.id, amount: bill.amount, currency: bill.currency, auth: { bill, billToken, playerToken: token } }
        : { id: bill.id, amount: bill.amount, currency: bill.currency };
    }
  };
  await Promise.all(Array.from({ length: 16 }, lane));
  return bills;
}
