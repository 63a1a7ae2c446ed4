import { type Bill, type EventPage, isBillEvent } from '@coinslot/protocol';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { call, notifySandbox, readBill, statementFor } from './helpers.js';
import { createOn, payOn } from './multi-instance-client.js';
import { Cluster } from './multi-instance-cluster.js';
import { closeTestDatabase } from './postgres-test-database.js';

const clusters: Cluster[] = [];
afterEach(async () => {
  await Promise.all(clusters.splice(0).map((cluster) => cluster.close()));
});
afterAll(closeTestDatabase);

const BILLS = 20;
/** The channel's running totals, in minor units: four partial refunds of a 499 bill. */
const TOTALS = [100, 200, 300, 400];

/** A refund notification as the channel sends it, sent again on anything but 200 as a channel redelivers. */
async function refundOn(url: string, bill: Bill, refundedAmount: number): Promise<void> {
  const statement = { ...statementFor(bill), decision: 'refund', refundedAmount };
  for (let attempt = 1; ; attempt += 1) {
    const answer = await notifySandbox({ url }, statement);
    if (answer.status === 200) return;
    if (attempt === 10) throw new Error(`refund answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Every event of the deployment, through the pull API of `url`, oldest first. */
async function allEvents(url: string): Promise<EventPage['events']> {
  const events: EventPage['events'] = [];
  for (let after = '0'; ; ) {
    const page = await call<EventPage>({ url }, `/v1/events?after=${after}&limit=500`);
    expect(page.status).toBe(200);
    events.push(...page.body.events);
    if (!page.body.more) return events;
    after = page.body.next;
  }
}

describe('partial refunds of one bill applied by two instances over one PostgreSQL schema', () => {
  it('end at the largest total, with one bill.refunded per raise and none twice', async () => {
    const cluster = await Cluster.start({ bus: { kind: 'postgres' }, instances: 2 });
    clusters.push(cluster);
    const [a, b] = [cluster.at('a').url, cluster.at('b').url];
    const bills = await Promise.all(Array.from({ length: BILLS }, (_, i) => createOn(i % 2 === 0 ? a : b)));
    await Promise.all(bills.map((bill, i) => payOn(i % 2 === 0 ? b : a, bill)));
    // Every total reaches both instances at once (a redelivery landing on the other instance): eight notifications
    // per bill in flight together, so instances race on refunded → refunded of one bill all the time.
    await Promise.all(
      bills.flatMap((bill) => TOTALS.flatMap((total) => [a, b].map((url) => refundOn(url, bill, total)))),
    );

    for (const bill of bills)
      for (const url of [a, b])
        expect(await readBill({ url }, bill.id)).toMatchObject({ state: 'refunded', refundedAmount: 400 });
    const events = await allEvents(a);
    for (const bill of bills) {
      const trail = events.filter(isBillEvent).filter((event) => event.data.bill.id === bill.id);
      expect(trail[0]!.type, bill.id).toBe('bill.paid');
      const totals = trail.slice(1).map((event) => {
        expect(event.type, bill.id).toBe('bill.refunded');
        return event.data.bill.refundedAmount!;
      });
      // Strictly rising (never lowered, never recorded twice), each a total the channel sent, ending at the largest.
      expect(
        totals.every((total, i) => i === 0 || total > totals[i - 1]!),
        `${bill.id}: ${totals}`,
      ).toBe(true);
      expect(
        totals.every((total) => TOTALS.includes(total)),
        `${bill.id}: ${totals}`,
      ).toBe(true);
      expect(totals.at(-1), bill.id).toBe(400);
    }
  }, 90_000);
});
