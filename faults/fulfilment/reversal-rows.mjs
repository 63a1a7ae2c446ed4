// @ts-check
import { buyBill, eachBill } from './row-helpers.mjs';

/**
 * Buys every bill (9 in 10 approved, none reversed yet) and waits until the game backend granted and delivered each
 * paid one; answers the paid bills' ids, in bill order.
 * @param {import('./fulfilment-case.mjs').RowRun} row
 */
async function buyAndDeliver(row) {
  /** @type {Array<[number, string]>} */
  const paid = [];
  await eachBill(0, row.bills, async (i) => {
    const { bill, approved } = await buyBill(row, i, { reverse: false });
    if (approved) paid.push([i, bill.id]);
  });
  await row.settle();
  paid.sort((a, b) => a[0] - b[0]);
  const ids = paid.map(([, id]) => id);
  const notDelivered = [];
  for (const id of ids) if ((await row.client.getBill(id)).state !== 'delivered') notDelivered.push(id);
  if (notDelivered.length > 0)
    row.problems.push(`${notDelivered.length} paid bills were not delivered before the reversals`);
  return ids;
}

/** @type {import('./fulfilment-case.mjs').FulfilmentCase} */
export const refundAfterDelivery = {
  name: 'refund after delivery',
  fault:
    'every paid bill is granted and delivered by the game backend, then refunded through signed sandbox notifications, ' +
    'each sent twice at once: every other bill in full (99), the others in two parts (a total of 40, later of 99: two ' +
    'bill.refunded events); the game backend takes back what each refund says',
  async play(row) {
    const ids = await buyAndDeliver(row);
    await eachBill(0, ids.length, async (k) => {
      const billId = /** @type {string} */ (ids[k]);
      if (k % 2 === 1) await row.channel.notify({ billId, decision: 'refund', refundedAmount: 40 }, { copies: 2 });
      await row.channel.notify({ billId, decision: 'refund', refundedAmount: 99 }, { copies: 2 });
    });
    row.notes.push(`${ids.length} delivered bills refunded (${Math.floor(ids.length / 2)} in two parts)`);
  },
};

/** @type {import('./fulfilment-case.mjs').FulfilmentCase} */
export const chargebackAfterDelivery = {
  name: 'chargeback after delivery',
  fault:
    'every paid bill is granted and delivered by the game backend, then charged back through signed sandbox ' +
    'notifications, each sent twice at once; every third one also gets a refund notification after the chargeback ' +
    '(answered 200, no change); the game backend takes the item back',
  async play(row) {
    const ids = await buyAndDeliver(row);
    await eachBill(0, ids.length, async (k) => {
      const billId = /** @type {string} */ (ids[k]);
      await row.channel.notify({ billId, decision: 'chargeback' }, { copies: 2 });
      if (k % 3 === 0) await row.channel.notify({ billId, decision: 'refund', refundedAmount: 99 });
    });
    row.notes.push(`${ids.length} delivered bills charged back`);
  },
};
