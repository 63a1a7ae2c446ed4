// @ts-check
import { eachBill } from '../../fulfilment/row-helpers.mjs';
import { steam } from './steam-harness.mjs';
import { authorizeAndReport, pollReversals, postNotice, report, startOrder, steamOf } from './steam-moves.mjs';

/** The driver's notice window (5 minutes), and a minute more. */
const PAST_WINDOW_MS = 6 * 60_000;

/** @type {import('../channel-case.mjs').ChannelCase} */
export const steamForgedAndReplayed = {
  harness: steam,
  name: 'forged and replayed notifications',
  fault:
    'half the players authorize and the game reports, half close the dialog; a forging client then reports, for ' +
    'each unpaid bill, `authorized: true` for its own order and for a paid bill’s order; every other paid bill is ' +
    'refunded at Steam and the GetReport poll’s signed notices are captured: each is posted again with a forged ' +
    'signature, replayed within the 5-minute window (the driver only asks Steam again) and after it — each forged ' +
    'or stale one must be refused',
  async play(row) {
    /** @type {Array<import('./steam-moves.mjs').SteamBill & { paid: boolean }>} */
    const orders = [];
    await eachBill(0, row.bills, async (i) => {
      const order = await startOrder(row, i);
      const paid = i % 2 === 0;
      if (paid) await authorizeAndReport(row, order);
      else steamOf(row).player.overlay.cancel(order.orderid);
      orders[i] = { ...order, paid };
    });
    await eachBill(0, row.bills, async (i) => {
      const { billId, orderid, paid } = /** @type {(typeof orders)[number]} */ (orders[i]);
      if (paid) return;
      row.attack('forged proof', await report(row, billId, { orderid, authorized: true }));
      const other = /** @type {(typeof orders)[number]} */ (orders[i - 1]).orderid;
      row.attack('another bill’s order', await report(row, billId, { orderid: other, authorized: true }));
    });
    orders.forEach((order, i) => {
      if (order.paid && i % 4 === 0) steamOf(row).steam.refund(order.orderid);
    });
    /** @type {Array<{ body: string, signature: string }>} */
    const notices = [];
    await pollReversals(row, (notice) => notices.push(notice));
    for (const { body } of notices) row.attack('forged notice signature', await postNotice(row, body, 'ab'.repeat(32)));
    for (const { body, signature } of notices) await postNotice(row, body, signature);
    await row.advance(PAST_WINDOW_MS);
    for (const { body, signature } of notices) row.attack('stale replay', await postNotice(row, body, signature));
    row.notes.push(`${notices.length} captured notices replayed within the window (the driver asked Steam again)`);
  },
};
