// @ts-check
import { eachBill } from '../../fulfilment/row-helpers.mjs';
import { alipay } from './alipay-harness.mjs';
import { alipayBill, emulatorOf, pays, refunds, sendAgain } from './alipay-moves.mjs';

/** @typedef {import('../channel-case.mjs').ChannelRowRun} Row */

/** What each bill gets in the duplicate row (by `i % 4`). @type {Array<{ name: string, run: (row: Row, billId: string) => Promise<void> }>} */
const DUPLICATES = [
  {
    name: 'paid, TRADE_SUCCESS sent twice more at once',
    run: async (row, billId) => {
      const paid = await pays(row, billId);
      await Promise.all([sendAgain(row, paid), sendAgain(row, paid)]);
    },
  },
  {
    name: 'paid and refunded in part (5.00), the refund sent twice more at once',
    run: async (row, billId) => {
      await pays(row, billId);
      const refund = await refunds(row, billId, { yuan: '5.00' });
      await Promise.all([sendAgain(row, refund), sendAgain(row, refund)]);
    },
  },
  {
    name: 'paid and refunded in full, then the old TRADE_SUCCESS and the refund each sent again',
    run: async (row, billId) => {
      const paid = await pays(row, billId);
      const refund = await refunds(row, billId);
      await sendAgain(row, paid);
      await sendAgain(row, refund);
    },
  },
  {
    name: 'scanned and refused (nothing notified), the trade closed by the merchant, TRADE_CLOSED sent again',
    run: async (row, billId) => {
      emulatorOf(row).scan(billId);
      emulatorOf(row).decline(billId);
      const closed = await emulatorOf(row).closeTrade(billId);
      if (closed) await sendAgain(row, closed);
    },
  },
];

/** @type {import('../channel-case.mjs').ChannelCase} */
export const alipayDuplicates = {
  harness: alipay,
  name: 'duplicate notifications',
  fault: `each bill in turn: ${DUPLICATES.map((d) => d.name).join('; ')}`,
  async play(row) {
    await eachBill(0, row.bills, async (i) =>
      /** @type {(typeof DUPLICATES)[number]} */ (DUPLICATES[i % 4]).run(row, await alipayBill(row, i)),
    );
  },
};

/** What each bill gets in the out-of-order row (by `i % 3`). @type {Array<{ name: string, run: (row: Row, billId: string) => Promise<void> }>} */
const DISORDERS = [
  {
    name: 'a partial refund (1.00) before its payment (answered 409, re-sent by Alipay after the held TRADE_SUCCESS)',
    run: async (row, billId) => {
      const paid = await pays(row, billId, 'hold');
      await refunds(row, billId, { yuan: '1.00' });
      await sendAgain(row, paid);
    },
  },
  {
    name: 'a full refund (TRADE_CLOSED with refund_fee) before its payment',
    run: async (row, billId) => {
      const paid = await pays(row, billId, 'hold');
      await refunds(row, billId);
      await sendAgain(row, paid);
    },
  },
  {
    name: 'two partial refunds, the first (total 3.00) arriving after the second (total 5.00)',
    run: async (row, billId) => {
      await pays(row, billId);
      const first = await refunds(row, billId, { yuan: '3.00', delivery: 'hold' });
      await refunds(row, billId, { yuan: '2.00' });
      await sendAgain(row, first);
    },
  },
];

/** @type {import('../channel-case.mjs').ChannelCase} */
export const alipayOutOfOrder = {
  harness: alipay,
  name: 'out-of-order notifications',
  fault: `each bill in turn: ${DISORDERS.map((d) => d.name).join('; ')}`,
  async play(row) {
    await eachBill(0, row.bills, async (i) =>
      /** @type {(typeof DISORDERS)[number]} */ (DISORDERS[i % 3]).run(row, await alipayBill(row, i)),
    );
    const conflicts = emulatorOf(row)
      .notifications.flatMap((n) => n.attempts)
      .filter((a) => a.status === 409);
    row.notes.push(
      `${conflicts.length} notifications answered 409 (a refund before its payment) and re-sent by Alipay`,
    );
  },
};
