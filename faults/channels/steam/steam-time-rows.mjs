// @ts-check
import { eachBill } from '../../fulfilment/row-helpers.mjs';
import { steam } from './steam-harness.mjs';
import { report, startOrder, steamOf } from './steam-moves.mjs';

/** The pay server's defaults: the first query checkpoint after creation, a bill's lifetime, the check after expiry. */
const FIRST_CHECKPOINT_MS = 120_000;
const BILL_TTL_MS = 15 * 60_000;
const AFTER_EXPIRY_MS = 60_000;

const isPaid = (/** @type {Record<string, any>} */ bill) => ['paid', 'delivered', 'refunded'].includes(bill.state);

/** @type {import('../channel-case.mjs').ChannelCase} */
export const steamLostReports = {
  harness: steam,
  name: 'lost notifications, settled by the query fallback',
  fault:
    'Steam pushes nothing: a payment reaches the pay server only in the game’s report, and here no game reports — ' +
    'two players in three authorize, the third is declined, then the game crashes; the clock moves past the first ' +
    'query checkpoint (2 min): the driver asks QueryTxn and captures each authorized order (FinalizeTxn)',
  async play(row) {
    /** @type {string[]} */
    const ids = [];
    await eachBill(0, row.bills, async (i) => {
      const { billId, orderid } = await startOrder(row, i);
      if (i % 3 === 2) steamOf(row).player.overlay.decline(orderid);
      else steamOf(row).player.overlay.authorize(orderid);
      ids.push(billId);
    });
    await row.advance(FIRST_CHECKPOINT_MS + 1000);
    await row.waitForBills(ids, (bill) => bill.state !== 'created', 'settled without a report');
  },
};

/** @type {import('../channel-case.mjs').ChannelCase} */
export const steamLatePayments = {
  harness: steam,
  name: 'late payment after expiry',
  fault:
    'the clock moves past the bills’ 15 minutes with each purchase dialog still open in the overlay; then a third ' +
    'of the players authorize and the game reports (expired → paid), a third authorize and the game crashes (the ' +
    'query after expiry captures the order), a third never answer (their bills stay expired)',
  async play(row) {
    /** @type {import('./steam-moves.mjs').SteamBill[]} */
    const orders = [];
    await eachBill(0, row.bills, async (i) => {
      orders[i] = await startOrder(row, i);
    });
    await row.advance(BILL_TTL_MS + 1000);
    await row.waitForBills(
      orders.map((o) => o.billId),
      (bill) => bill.state === 'expired',
      'expired',
    );
    await eachBill(0, row.bills, async (i) => {
      const { billId, orderid } = /** @type {import('./steam-moves.mjs').SteamBill} */ (orders[i]);
      if (i % 3 === 2) return;
      steamOf(row).player.overlay.authorize(orderid);
      if (i % 3 === 0) {
        const status = await report(row, billId, { orderid, authorized: true });
        if (status !== 200) row.problems.push(`a late report answered ${status}`);
      }
    });
    await row.advance(AFTER_EXPIRY_MS + 1000);
    await row.waitForBills(
      orders.filter((_, i) => i % 3 !== 2).map((o) => o.billId),
      isPaid,
      'paid late',
    );
  },
};
