// @ts-check
import { eachBill } from '../../fulfilment/row-helpers.mjs';
import { steam } from './steam-harness.mjs';
import { authorizeAndReport, finalizeElsewhere, pollReversals, report, startOrder, steamOf } from './steam-moves.mjs';

/** @typedef {import('../channel-case.mjs').ChannelRowRun} Row */
/** @typedef {import('./steam-moves.mjs').SteamBill} SteamBill */

/** What each bill gets in the duplicate row (by `i % 4`). @type {Array<{ name: string, run: (row: Row, order: SteamBill) => Promise<void> }>} */
const DUPLICATES = [
  {
    name: 'authorized, the proof reported three times at once',
    run: async (row, { billId, orderid }) => {
      steamOf(row).player.overlay.authorize(orderid);
      await Promise.all([0, 1, 2].map(() => report(row, billId, { orderid, authorized: true })));
    },
  },
  {
    name: 'authorized and reported, then reported again',
    run: async (row, order) => {
      await authorizeAndReport(row, order);
      await report(row, order.billId, { orderid: order.orderid, authorized: true });
    },
  },
  {
    name: 'authorized and reported, refunded at Steam: the refund listed by two GetReport polls',
    run: async (row, order) => {
      await authorizeAndReport(row, order);
      steamOf(row).steam.refund(order.orderid);
    },
  },
  {
    name: 'declined (insufficient funds), reported twice',
    run: async (row, { billId, orderid }) => {
      steamOf(row).player.overlay.decline(orderid);
      for (const _ of [0, 1]) await report(row, billId, { orderid, authorized: false });
    },
  },
];

/** @type {import('../channel-case.mjs').ChannelCase} */
export const steamDuplicates = {
  harness: steam,
  name: 'duplicate notifications',
  fault: `each bill in turn: ${DUPLICATES.map((d) => d.name).join('; ')}`,
  async play(row) {
    await eachBill(0, row.bills, async (i) =>
      /** @type {(typeof DUPLICATES)[number]} */ (DUPLICATES[i % 4]).run(row, await startOrder(row, i)),
    );
    for (const _ of [0, 1]) await pollReversals(row);
  },
};

/**
 * Bill `i` of the out-of-order row: authorized, never reported (the game crashed), captured by hand, then refunded
 * (`i % 3 !== 1`) or charged back at Steam.
 * @param {Row} row
 * @param {number} i
 */
async function reversedBeforeReported(row, i) {
  const order = await startOrder(row, i);
  steamOf(row).player.overlay.authorize(order.orderid);
  await finalizeElsewhere(row, order.orderid);
  if (i % 3 === 1) steamOf(row).steam.chargeback(order.orderid);
  else steamOf(row).steam.refund(order.orderid);
  return order;
}

/** @type {import('../channel-case.mjs').ChannelCase} */
export const steamOutOfOrder = {
  harness: steam,
  name: 'out-of-order notifications',
  fault:
    'each player authorizes, the game crashes before reporting, the order is captured anyway (FinalizeTxn) and then ' +
    'refunded or (every third) charged back at Steam: the GetReport poll finds a reversal of a bill the pay server ' +
    'has not seen paid (its notice answered 409), sends the payment first, then the reversal again; every third ' +
    'game then reports its proof late, after the refund',
  async play(row) {
    /** @type {SteamBill[]} */
    const orders = [];
    await eachBill(0, row.bills, async (i) => {
      orders[i] = await reversedBeforeReported(row, i);
    });
    const statuses = /** @type {number[]} */ ([]);
    await pollReversals(row, (notice) => statuses.push(notice.status));
    for (const [i, { billId, orderid }] of orders.entries())
      if (i % 3 === 2) await report(row, billId, { orderid, authorized: true });
    const conflicts = statuses.filter((status) => status === 409).length;
    row.notes.push(`${conflicts} reversal notices answered 409 (before their payment), then sent after it`);
  },
};
