import type { Bill } from '@coinslot/protocol';
import { expect, it } from 'vitest';
import type { BillStore } from '../../src/index.js';
import { newBill, notifySandbox, payBill, readBill, startTestServer, statementFor, wrapStore } from '../helpers.js';
import { openStore, type StoreKind } from '../store-kinds.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const refund = (server: { url: string }, bill: Bill, refundedAmount: number) =>
  notifySandbox(server, { ...statementFor(bill), decision: 'refund', refundedAmount });

/** The `[type, refundedAmount]` of every event `store` recorded for `billId`, in order. */
async function refundTrail(store: BillStore, billId: string) {
  const events = (await store.listEvents(0, 100)).filter((event) => event.billId === billId);
  return events.map((event) => [
    event.type,
    (JSON.parse(event.body) as { data: { bill: Bill } }).data.bill.refundedAmount,
  ]);
}

/**
 * Two pay servers over one store — two instances of a deployment, each with its own bill service — applying two
 * partial refunds of one bill at once. Only the store keeps them apart: nothing in one process orders the other's.
 */
export function serverRefunds(kind: StoreKind): void {
  it('two instances applying partial refunds at once end at the larger total, with one event per raise', async () => {
    const inner = await openStore(kind);
    // Both instances read the bill before either writes, and the smaller total's write lands last.
    const store = wrapStore(inner, {
      getBill: async (id) => {
        const record = await inner.getBill(id);
        await sleep(20);
        return record;
      },
      transition: async (id, from, next, event) => {
        if (next.refundedAmount === 200) await sleep(80);
        return inner.transition(id, from, next, event);
      },
    });
    const [a, b] = [await startTestServer({ store }), await startTestServer({ store })];
    const bill = await newBill(a);
    await payBill(a, bill);
    expect((await refund(b, bill, 100)).status).toBe(200);
    const answers = await Promise.all([refund(a, bill, 200), refund(b, bill, 300)]);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
    for (const server of [a, b])
      expect(await readBill(server, bill.id)).toMatchObject({ state: 'refunded', refundedAmount: 300 });
    expect(await refundTrail(inner, bill.id)).toEqual([
      ['bill.paid', undefined],
      ['bill.refunded', 100],
      ['bill.refunded', 300],
    ]);
  });
}
