import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { call } from './helpers.js';
import { closeAllReceivers, startReceiver } from './events-receiver.js';
import { createOn, payOn } from './multi-instance-client.js';
import { Cluster } from './multi-instance-cluster.js';
import { closeTestDatabase } from './postgres-test-database.js';

const clusters: Cluster[] = [];
afterEach(async () => {
  await Promise.all(clusters.splice(0).map((cluster) => cluster.close()));
  await closeAllReceivers();
});
afterAll(closeTestDatabase);

const BILLS = 30;

describe('events from two instances over one PostgreSQL schema, both with a webhook URL', () => {
  it('sends each event once, in order per bill, while both dispatchers run', async () => {
    // A slow receiver keeps attempts in flight (leased) while the other instance's dispatcher looks for due events.
    const receiver = await startReceiver(async () => {
      await new Promise((resolve) => setTimeout(resolve, 30));
      return { status: 200 };
    });
    const cluster = await Cluster.start({ bus: { kind: 'postgres' }, instances: 2, webhookUrl: receiver.url });
    clusters.push(cluster);
    const [a, b] = [cluster.at('a').url, cluster.at('b').url];
    const bills = await Promise.all(Array.from({ length: BILLS }, (_, i) => createOn(i % 2 === 0 ? a : b)));
    // Each bill is paid on one instance and delivered on the other: two events, recorded by two instances.
    await Promise.all(
      bills.map(async (bill, i) => {
        const [payVia, deliverVia] = i % 2 === 0 ? [a, b] : [b, a];
        await payOn(payVia, bill);
        const delivered = await call({ url: deliverVia }, `/v1/bills/${bill.id}/deliver`, { json: {} });
        expect(delivered.status).toBe(200);
      }),
    );
    await receiver.waitFor(2 * BILLS, 30_000);
    await new Promise((resolve) => setTimeout(resolve, 2500)); // more than a poll of both dispatchers: no second send
    const ids = receiver.received.map((webhook) => webhook.headers['webhook-id']);
    expect(receiver.received).toHaveLength(2 * BILLS);
    expect(new Set(ids).size).toBe(2 * BILLS);
    for (const bill of bills) {
      const types = receiver.received.filter((webhook) => webhook.billId === bill.id).map((webhook) => webhook.type);
      expect(types, bill.id).toEqual(['bill.paid', 'bill.delivered']);
    }
  }, 90_000);
});
