// @ts-check
import { eachBill } from '../../fulfilment/row-helpers.mjs';
import { deliveredBills } from '../row-moves.mjs';
import { wechatpay } from './wechatpay-harness.mjs';
import { emulatorOf, refunds, scans, wechatBill } from './wechatpay-moves.mjs';

/** @type {import('../channel-case.mjs').ChannelCase} */
export const wechatpayRefunds = {
  harness: wechatpay,
  name: 'refund after delivery (WeChat Pay has no chargeback)',
  fault:
    'nine players in ten pay, the bank refuses the tenth (never notified); once the game backend granted and ' +
    'delivered each paid bill, the merchant refunds it in turn: in full; 200 then the rest; 100, 150 and 250 (the ' +
    'driver adds the parts up from WeChat Pay’s refund list); every third bill also gets a complaint first ' +
    '(COMPLAINT.CREATE: ignored, no money moves)',
  async play(row) {
    /** @type {string[]} */
    const paid = [];
    await eachBill(0, row.bills, async (i) => {
      const { billId, codeUrl } = await wechatBill(row, i);
      await scans(row, codeUrl, i % 10 === 9 ? { result: 'PAYERROR' } : {});
      if (i % 10 !== 9) paid.push(billId);
    });
    const ids = await deliveredBills(row, paid);
    await eachBill(0, ids.length, async (k) => {
      const billId = /** @type {string} */ (ids[k]);
      if (k % 3 === 0) await emulatorOf(row).complain(billId);
      if (k % 3 === 0) return void (await refunds(row, billId));
      if (k % 3 === 1) {
        await refunds(row, billId, { amount: 200 });
        return void (await refunds(row, billId));
      }
      for (const amount of [100, 150, 250]) await refunds(row, billId, { amount });
    });
    row.notes.push(`${ids.length} delivered bills refunded at WeChat Pay`);
  },
};
