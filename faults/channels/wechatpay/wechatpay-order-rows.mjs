// @ts-check
import { eachBill } from '../../fulfilment/row-helpers.mjs';
import { wechatpay } from './wechatpay-harness.mjs';
import { emulatorOf, refunds, resend, scans, wechatBill } from './wechatpay-moves.mjs';

/** @typedef {import('../channel-case.mjs').ChannelRowRun} Row */

/** What each bill gets in the duplicate row (by `i % 4`). @type {Array<{ name: string, run: (row: Row, bill: { billId: string, codeUrl: string }) => Promise<void> }>} */
const DUPLICATES = [
  {
    name: 'paid, TRANSACTION.SUCCESS delivered twice and re-sent once more',
    run: async (row, { codeUrl }) => {
      const paid = await scans(row, codeUrl, { delivery: 'duplicate' });
      await resend(row, paid);
    },
  },
  {
    name: 'paid and refunded in part (200), REFUND.SUCCESS delivered twice and replayed byte for byte',
    run: async (row, { billId, codeUrl }) => {
      await scans(row, codeUrl);
      const refund = await refunds(row, billId, { amount: 200, delivery: 'duplicate' });
      await emulatorOf(row).replay(refund);
    },
  },
  {
    name: 'paid and refunded in full, then the payment and the refund each re-sent',
    run: async (row, { billId, codeUrl }) => {
      const paid = await scans(row, codeUrl);
      const refund = await refunds(row, billId);
      await resend(row, paid);
      await resend(row, refund);
    },
  },
  {
    name: 'refused by the bank once (not notified), then paid, and a complaint (COMPLAINT.CREATE, no money) sent twice',
    run: async (row, { billId, codeUrl }) => {
      await scans(row, codeUrl, { result: 'PAYERROR' });
      await scans(row, codeUrl);
      await emulatorOf(row).complain(billId, { delivery: 'duplicate' });
    },
  },
];

/** @type {import('../channel-case.mjs').ChannelCase} */
export const wechatpayDuplicates = {
  harness: wechatpay,
  name: 'duplicate notifications',
  fault: `each bill in turn: ${DUPLICATES.map((d) => d.name).join('; ')}`,
  async play(row) {
    await eachBill(0, row.bills, async (i) =>
      /** @type {(typeof DUPLICATES)[number]} */ (DUPLICATES[i % 4]).run(row, await wechatBill(row, i)),
    );
  },
};

/** What each bill gets in the out-of-order row (by `i % 3`). @type {Array<{ name: string, run: (row: Row, bill: { billId: string, codeUrl: string }) => Promise<void> }>} */
const DISORDERS = [
  {
    name: 'a partial refund (150) before its payment (409), both re-sent by WeChat Pay after the held payment',
    run: async (row, { billId, codeUrl }) => {
      const paid = await scans(row, codeUrl, { delivery: 'hold' });
      const refund = await refunds(row, billId, { amount: 150 });
      await resend(row, paid);
      await resend(row, refund);
    },
  },
  {
    name: 'a full refund before its payment',
    run: async (row, { billId, codeUrl }) => {
      const paid = await scans(row, codeUrl, { delivery: 'hold' });
      const refund = await refunds(row, billId);
      await resend(row, paid);
      await resend(row, refund);
    },
  },
  {
    name: 'two partial refunds (100, then 250) notified in the opposite order',
    run: async (row, { billId, codeUrl }) => {
      await scans(row, codeUrl);
      const first = await refunds(row, billId, { amount: 100, delivery: 'hold' });
      await refunds(row, billId, { amount: 250 });
      await resend(row, first);
    },
  },
];

/** @type {import('../channel-case.mjs').ChannelCase} */
export const wechatpayOutOfOrder = {
  harness: wechatpay,
  name: 'out-of-order notifications',
  fault: `each bill in turn: ${DISORDERS.map((d) => d.name).join('; ')}`,
  async play(row) {
    await eachBill(0, row.bills, async (i) =>
      /** @type {(typeof DISORDERS)[number]} */ (DISORDERS[i % 3]).run(row, await wechatBill(row, i)),
    );
    const conflicts = emulatorOf(row)
      .notifications.flatMap((n) => n.attempts)
      .filter((a) => a.status === 409);
    row.notes.push(`${conflicts.length} notifications answered 409 (a refund before its payment) and re-sent`);
  },
};
