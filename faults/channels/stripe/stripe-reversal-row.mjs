// @ts-check
import { eachBill } from '../../fulfilment/row-helpers.mjs';
import { deliveredBills } from '../row-moves.mjs';
import { stripe } from './stripe-harness.mjs';
import { AMOUNT, click, emulatorOf, intentOf, stripeBill } from './stripe-moves.mjs';

/** @type {import('../channel-case.mjs').ChannelCase} */
export const stripeReversals = {
  harness: stripe,
  name: 'refund and chargeback after delivery',
  fault:
    'every 10th card is declined, the others paid; once the game backend granted and delivered each bill, Stripe ' +
    'reverses it in turn: a refund in full; a partial refund (100) then the rest; a dispute whose funds are ' +
    'withdrawn, then lost; a partial refund (100) then a dispute of what is left',
  async play(row) {
    /** @type {string[]} */
    const paid = [];
    await eachBill(0, row.bills, async (i) => {
      const { billId } = await stripeBill(row, i);
      await click(row, billId, i % 10 === 9 ? 'decline' : 'pay');
      if (i % 10 !== 9) paid.push(billId);
    });
    const ids = await deliveredBills(row, paid);
    const emulator = emulatorOf(row);
    await eachBill(0, ids.length, async (k) => {
      const paymentIntent = intentOf(row, /** @type {string} */ (ids[k]));
      if (k % 4 === 0) return void (await emulator.refund({ paymentIntent }));
      if (k % 4 === 1) {
        await emulator.refund({ paymentIntent, amount: 100 });
        return void (await emulator.refund({ paymentIntent, amount: AMOUNT - 100 }));
      }
      if (k % 4 === 3) await emulator.refund({ paymentIntent, amount: 100 });
      const dispute = await emulator.dispute({ paymentIntent, reason: 'fraudulent' });
      if (k % 4 === 2) await emulator.closeDispute(dispute.id, 'lost');
    });
    row.notes.push(`${ids.length} delivered bills reversed at Stripe`);
  },
};
