import {
  type ChannelDriver,
  createSandboxDriver,
  type NotificationVerification,
  type RunningPayServer,
  startPayServer,
} from '@coinslot/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The sandbox's own payment id (issue 14): every verdict its driver gives — a notification's, a proof's, a
// reversal's — names the payment as its settlement lines do, so the admin console finds the bill by either.
const verdicts: NotificationVerification[] = [];
let server: RunningPayServer;
let driver: ChannelDriver;

beforeAll(async () => {
  const sandbox = createSandboxDriver();
  // The real driver, its answers recorded on the way to the pay server.
  driver = {
    ...sandbox,
    async verifyNotification(request, rawBody, ctx) {
      const verdict = await sandbox.verifyNotification!(request, rawBody, ctx);
      verdicts.push(verdict);
      return verdict;
    },
    async verifyProof(bill, proof, ctx) {
      const verdict = await sandbox.verifyProof!(bill, proof, ctx);
      verdicts.push(verdict);
      return verdict;
    },
  };
  server = await startPayServer({
    auth: { development: true },
    drivers: [driver],
    catalog: { 'gem-pack': { amount: 499, currency: 'USD' } },
  });
});
afterAll(() => server.close());

async function post(url: string, body: object) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
    body: JSON.stringify(body),
  });
  const answer = (await response.json()) as Record<string, any>;
  expect(response.status, JSON.stringify(answer)).toBeLessThan(300);
  return answer;
}

/** A bill whose checkout the player approved in `mode`: its id, its checkout URL, and the proof in client mode. */
async function approvedBill(mode: 'server' | 'client') {
  const { bill, launch } = await post(`${server.url}/v1/bills`, {
    userId: 'p-trade-no',
    itemId: 'gem-pack',
    quantity: 1,
    amount: 499,
    currency: 'USD',
    channel: 'sandbox',
  });
  const answer = await post(String(launch.decideUrl), { decision: 'approve', mode });
  return { billId: String(bill.id), checkoutUrl: new URL(String(launch.checkoutUrl)), proof: answer.proof };
}

/** The settlement lines the sandbox keeps for `billId` today. */
async function settlementOf(billId: string) {
  const day = { date: new Date().toISOString().slice(0, 10), timeZone: 'UTC' };
  const lines = await driver.fetchSettlement!(day, { publicUrl: server.url, now: Date.now, logger: console });
  return lines.filter((line) => line.billId === billId);
}

describe('the sandbox names each payment by its own id', () => {
  it('a notification’s paid verdict and a refund’s verdict carry the id its settlement lines show', async () => {
    const { billId, checkoutUrl } = await approvedBill('server');
    const paid = verdicts.at(-1);
    expect(paid).toMatchObject({ billId, transition: 'paid', channelTradeNo: `sbx_${billId}` });
    const refundUrl = new URL(`${checkoutUrl.pathname}/refund${checkoutUrl.search}`, checkoutUrl);
    await post(String(refundUrl), { amount: 100 });
    expect(verdicts.at(-1)).toMatchObject({ billId, transition: 'refunded', channelTradeNo: `sbx_${billId}` });
    const lines = await settlementOf(billId);
    expect(lines.map((line) => [line.kind, line.channelTradeNo])).toEqual([
      ['payment', `sbx_${billId}`],
      ['refund', `sbx_${billId}`],
    ]);
  });

  it('a client-mode proof’s verdict and a chargeback’s carry it too', async () => {
    const { billId, checkoutUrl, proof } = await approvedBill('client');
    await post(`${server.url}/v1/bills/${billId}/report`, { proof });
    expect(verdicts.at(-1)).toMatchObject({ billId, transition: 'paid', channelTradeNo: `sbx_${billId}` });
    const chargebackUrl = new URL(`${checkoutUrl.pathname}/chargeback${checkoutUrl.search}`, checkoutUrl);
    await post(String(chargebackUrl), {});
    expect(verdicts.at(-1)).toMatchObject({ transition: 'charged_back', channelTradeNo: `sbx_${billId}` });
    expect((await settlementOf(billId)).map((line) => line.channelTradeNo)).toEqual([`sbx_${billId}`, `sbx_${billId}`]);
  });
});
