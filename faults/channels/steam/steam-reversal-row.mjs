// @ts-check
import { eachBill } from '../../fulfilment/row-helpers.mjs';
import { deliveredBills } from '../row-moves.mjs';
import { steam } from './steam-harness.mjs';
import { authorizeAndReport, pollReversals, report, startOrder, steamOf } from './steam-moves.mjs';

/** Steam's reversed statuses the row gives in turn. */
const REVERSALS = /** @type {const} */ (['Refunded', 'Chargedback', 'RefundedSuspectedFraud', 'RefundedFriendlyFraud']);

/** @type {import('../channel-case.mjs').ChannelCase} */
export const steamReversals = {
  harness: steam,
  name: 'refund and chargeback after delivery',
  fault:
    'nine players in ten authorize, the tenth is declined; once the game backend granted and delivered each paid ' +
    `bill, Steam reverses it in turn (${REVERSALS.join(', ')}); Steam pushes nothing: the driver's GetReport poll ` +
    'finds each change and sends the pay server a signed notice, and the driver asks QueryTxn before the reversal ' +
    'applies — polled twice (the second poll lists the same changes again)',
  async play(row) {
    /** @type {import('./steam-moves.mjs').SteamBill[]} */
    const paid = [];
    await eachBill(0, row.bills, async (i) => {
      const order = await startOrder(row, i);
      if (i % 10 !== 9) {
        await authorizeAndReport(row, order);
        paid.push(order);
        return;
      }
      steamOf(row).player.overlay.decline(order.orderid);
      await report(row, order.billId, { orderid: order.orderid, authorized: false });
    });
    await deliveredBills(
      row,
      paid.map((o) => o.billId),
    );
    await row.advance(60_000);
    for (const [k, { orderid }] of paid.entries())
      steamOf(row).steam.setStatus(orderid, /** @type {(typeof REVERSALS)[number]} */ (REVERSALS[k % 4]));
    const first = await pollReversals(row);
    const second = await pollReversals(row);
    row.notes.push(
      `${paid.length} delivered bills reversed at Steam; the polls delivered ${first.delivered} and ${second.delivered} notices`,
    );
  },
};
