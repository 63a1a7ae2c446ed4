// @ts-check
import { eachBill } from '../../fulfilment/row-helpers.mjs';
import { wechatpay } from './wechatpay-harness.mjs';
import { emulatorOf, paidTransaction, postForged, scans, wechatBill } from './wechatpay-moves.mjs';

/** The driver's signature tolerance (5 minutes), and two seconds more. */
const PAST_TOLERANCE_MS = 5 * 60_000 + 2_000;

/** The emulator's own forgeries of a payment notification, each one in turn for an unpaid bill. */
const EMULATOR_FORGERIES = /** @type {const} */ ([
  'unknown-serial',
  'tampered-body',
  'signature-probe',
  'wrong-apiv3-key',
]);

/** @type {import('../channel-case.mjs').ChannelCase} */
export const wechatpayForgedAndReplayed = {
  harness: wechatpay,
  name: 'forged and replayed notifications',
  fault:
    'half the players pay, half never scan; an attacker then posts, for each unpaid bill, a TRANSACTION.SUCCESS ' +
    'signed with a key that is not WeChat Pay’s under its key id, and one of the emulator’s forgeries in turn (an ' +
    'unknown key id, a body changed after signing, a signature probe, a resource sealed with another APIv3 key); ' +
    'for each paid bill a made-up REFUND.SUCCESS in full; then replays every payment notification byte for byte ' +
    'within the 5-minute window (a harmless repeat) and after it — each forged or stale one must be refused',
  async play(row) {
    /** @type {Array<{ billId: string, paid?: import('@coinslot/testing/emulators').WechatPaySentNotification }>} */
    const bills = [];
    await eachBill(0, row.bills, async (i) => {
      const { billId, codeUrl } = await wechatBill(row, i);
      bills[i] = { billId, ...(i % 2 === 0 ? { paid: await scans(row, codeUrl) } : {}) };
    });
    const { amount } = wechatpay.price;
    const { merchant } = emulatorOf(row);
    await eachBill(0, row.bills, async (i) => {
      const { billId, paid } = /** @type {(typeof bills)[number]} */ (bills[i]);
      if (paid) {
        const resource = {
          mchid: merchant.mchid,
          out_trade_no: billId,
          out_refund_no: `Rforged${i}`,
          refund_id: `50${String(i).padStart(27, '0')}`,
          refund_status: 'SUCCESS',
          amount: { total: amount, refund: amount, payer_total: amount, payer_refund: amount },
        };
        const status = await postForged(row, { eventType: 'REFUND.SUCCESS', originalType: 'refund', resource });
        return row.attack('made-up refund', status);
      }
      const resource = paidTransaction(row, billId);
      const status = await postForged(row, { eventType: 'TRANSACTION.SUCCESS', originalType: 'transaction', resource });
      row.attack('made-up payment', status);
      const forgery = /** @type {(typeof EMULATOR_FORGERIES)[number]} */ (EMULATOR_FORGERIES[(i >> 1) % 4]);
      row.attack(forgery, await emulatorOf(row).forge(billId, forgery));
    });
    const captured = bills.flatMap((b) => (b.paid ? [b.paid] : []));
    for (const notification of captured) await emulatorOf(row).replay(notification);
    await row.advance(PAST_TOLERANCE_MS);
    for (const notification of captured) row.attack('stale replay', await emulatorOf(row).replay(notification));
    row.notes.push(`${captured.length} captured notifications replayed within the window (harmless repeats)`);
  },
};
