// @ts-check
import { eachBill } from '../../fulfilment/row-helpers.mjs';
import { alipay } from './alipay-harness.mjs';
import { alipayBill, emulatorOf, forgedBody, pays, postNotification } from './alipay-moves.mjs';

/** The driver's default age limit for a notification (26 h), and a minute more. */
const PAST_MAX_AGE_MS = 26 * 3_600_000 + 60_000;

/** @type {import('../channel-case.mjs').ChannelCase} */
export const alipayForgedAndReplayed = {
  harness: alipay,
  name: 'forged and replayed notifications',
  fault:
    'half the players pay, half scan and leave; an attacker then posts, for each unpaid bill, a TRADE_SUCCESS ' +
    'signed with a key that is not Alipay’s and a genuine TRADE_SUCCESS of a paid bill with out_trade_no changed ' +
    'to the unpaid one; for each paid bill a made-up full refund; then replays every captured TRADE_SUCCESS within ' +
    'the driver’s 26 h window (a harmless repeat) and again after it — each forged or stale one must be refused',
  async play(row) {
    /** @type {Array<{ billId: string, paid?: import('@coinslot/testing/emulators').AlipayNotification }>} */
    const bills = [];
    await eachBill(0, row.bills, async (i) => {
      const billId = await alipayBill(row, i);
      if (i % 2 === 1) emulatorOf(row).scan(billId);
      bills[i] = { billId, ...(i % 2 === 0 ? { paid: await pays(row, billId) } : {}) };
    });
    const total = (alipay.price.amount / 100).toFixed(2);
    await eachBill(0, row.bills, async (i) => {
      const { billId, paid } = /** @type {(typeof bills)[number]} */ (bills[i]);
      if (paid) {
        const refund = forgedBody(row, {
          out_trade_no: billId,
          trade_no: paid.params.trade_no ?? '',
          trade_status: 'TRADE_CLOSED',
          refund_fee: total,
        });
        return row.attack('made-up refund', await postNotification(row, refund));
      }
      const payment = forgedBody(row, { out_trade_no: billId, trade_status: 'TRADE_SUCCESS' });
      row.attack('made-up payment', await postNotification(row, payment));
      const genuine = /** @type {import('@coinslot/testing/emulators').AlipayNotification} */ (
        /** @type {(typeof bills)[number]} */ (bills[i - 1]).paid
      );
      const renamed = await emulatorOf(row).forge(genuine, { changes: { out_trade_no: billId }, signer: 'unchanged' });
      row.attack('changed out_trade_no', renamed.status);
    });
    const captured = bills.flatMap((b) => (b.paid ? [b.paid] : []));
    for (const notification of captured) await postNotification(row, notification.body);
    await row.advance(PAST_MAX_AGE_MS);
    for (const notification of captured) row.attack('stale replay', await postNotification(row, notification.body));
    row.notes.push(`${captured.length} captured notifications replayed within the window (harmless repeats)`);
  },
};
