// @ts-check
import { eachBill } from '../../fulfilment/row-helpers.mjs';
import { deliveredBills } from '../row-moves.mjs';
import { alipay } from './alipay-harness.mjs';
import { alipayBill, emulatorOf, pays, refunds } from './alipay-moves.mjs';

/** @type {import('../channel-case.mjs').ChannelCase} */
export const alipayRefunds = {
  harness: alipay,
  name: 'refund after delivery (Alipay has no chargeback)',
  fault:
    'nine players in ten pay, the tenth is refused and the merchant closes the trade; once the game backend ' +
    'granted and delivered each paid bill, the merchant refunds it in turn: in full; 5.00 then the rest; 1.00, ' +
    '2.00 and 3.00 (each notification carries Alipay’s running refund_fee)',
  async play(row) {
    /** @type {string[]} */
    const paid = [];
    await eachBill(0, row.bills, async (i) => {
      const billId = await alipayBill(row, i);
      if (i % 10 !== 9) {
        await pays(row, billId);
        paid.push(billId);
        return;
      }
      emulatorOf(row).scan(billId);
      emulatorOf(row).decline(billId);
      await emulatorOf(row).closeTrade(billId);
    });
    const ids = await deliveredBills(row, paid);
    await eachBill(0, ids.length, async (k) => {
      const billId = /** @type {string} */ (ids[k]);
      if (k % 3 === 0) return void (await refunds(row, billId));
      if (k % 3 === 1) {
        await refunds(row, billId, { yuan: '5.00' });
        return void (await refunds(row, billId));
      }
      for (const yuan of ['1.00', '2.00', '3.00']) await refunds(row, billId, { yuan });
    });
    row.notes.push(`${ids.length} delivered bills refunded at Alipay`);
  },
};
