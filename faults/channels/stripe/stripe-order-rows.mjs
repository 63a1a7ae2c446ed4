// @ts-check
import { eachBill } from '../../fulfilment/row-helpers.mjs';
import { stripe } from './stripe-harness.mjs';
import { AMOUNT, click, emulatorOf, holdNext, intentOf, sendAgain, sendHeld, stripeBill } from './stripe-moves.mjs';

/** @typedef {import('../channel-case.mjs').ChannelRowRun} Row */

/** What each bill gets in the duplicate row (by `i % 5`). @type {Array<{ name: string, run: (row: Row, i: number) => Promise<void> }>} */
const DUPLICATES = [
  {
    name: 'card paid, checkout.session.completed sent twice more at once',
    run: async (row, i) => {
      const { billId, session } = await stripeBill(row, i);
      await click(row, billId, 'pay');
      await Promise.all([0, 1].map(() => sendAgain(row, 'checkout.session.completed', session.id)));
    },
  },
  {
    name: 'bank debit paid later, async_payment_succeeded and the unpaid completed each sent again',
    run: async (row, i) => {
      const { billId, session } = await stripeBill(row, i);
      await click(row, billId, 'pay_delayed');
      await emulatorOf(row).settleDelayed(session.id, 'succeeded');
      await sendAgain(row, 'checkout.session.async_payment_succeeded', session.id);
      await sendAgain(row, 'checkout.session.completed', session.id);
    },
  },
  {
    name: 'paid and refunded in full, charge.refunded sent twice more at once',
    run: async (row, i) => {
      const { billId } = await stripeBill(row, i);
      await click(row, billId, 'pay');
      const refund = await emulatorOf(row).refund({ paymentIntent: intentOf(row, billId) });
      await Promise.all([0, 1].map(() => sendAgain(row, 'charge.refunded', refund.charge)));
    },
  },
  {
    name: 'paid and disputed, funds_withdrawn sent again, then the dispute lost',
    run: async (row, i) => {
      const { billId } = await stripeBill(row, i);
      await click(row, billId, 'pay');
      const dispute = await emulatorOf(row).dispute({ paymentIntent: intentOf(row, billId) });
      await sendAgain(row, 'charge.dispute.funds_withdrawn', dispute.id);
      await emulatorOf(row).closeDispute(dispute.id, 'lost');
    },
  },
  {
    name: 'card declined, payment_intent.payment_failed sent again, the player leaves',
    run: async (row, i) => {
      const { billId } = await stripeBill(row, i);
      await click(row, billId, 'decline');
      await sendAgain(row, 'payment_intent.payment_failed', intentOf(row, billId));
      await click(row, billId, 'leave');
    },
  },
];

/** @type {import('../channel-case.mjs').ChannelCase} */
export const stripeDuplicates = {
  harness: stripe,
  name: 'duplicate notifications',
  fault: `each bill in turn: ${DUPLICATES.map((d) => d.name).join('; ')}`,
  async play(row) {
    await eachBill(0, row.bills, (i) => /** @type {(typeof DUPLICATES)[number]} */ (DUPLICATES[i % 5]).run(row, i));
  },
};

/** The session's completed webhook. @param {string} sessionId */
const sessionIs = (sessionId) => (/** @type {Record<string, any>} */ object) => object.id === sessionId;

/** What each bill gets in the out-of-order row (by `i % 4`). @type {Array<{ name: string, run: (row: Row, i: number) => Promise<void> }>} */
const DISORDERS = [
  {
    name: 'refund before its payment (charge.refunded answered 409 and retried by Stripe after the held completed)',
    run: async (row, i) => {
      const { billId, session } = await stripeBill(row, i);
      holdNext(row, 'checkout.session.completed', sessionIs(session.id));
      await click(row, billId, 'pay');
      await emulatorOf(row).refund({ paymentIntent: intentOf(row, billId) });
      await sendHeld(row, 'checkout.session.completed', sessionIs(session.id));
    },
  },
  {
    name: 'chargeback before its payment (funds_withdrawn 409, retried)',
    run: async (row, i) => {
      const { billId, session } = await stripeBill(row, i);
      holdNext(row, 'checkout.session.completed', sessionIs(session.id));
      await click(row, billId, 'pay');
      await emulatorOf(row).dispute({ paymentIntent: intentOf(row, billId) });
      await sendHeld(row, 'checkout.session.completed', sessionIs(session.id));
    },
  },
  {
    name: 'two partial refunds, the first one (total 100) arriving after the second (total 499)',
    run: async (row, i) => {
      const { billId } = await stripeBill(row, i);
      await click(row, billId, 'pay');
      const intent = intentOf(row, billId);
      const first = (/** @type {Record<string, any>} */ charge) =>
        charge.payment_intent === intent && charge.amount_refunded === 100;
      holdNext(row, 'charge.refunded', first);
      await emulatorOf(row).refund({ paymentIntent: intent, amount: 100 });
      await emulatorOf(row).refund({ paymentIntent: intent, amount: AMOUNT - 100 });
      await sendHeld(row, 'charge.refunded', first);
    },
  },
  {
    name: 'bank debit: async_payment_succeeded before the unpaid checkout.session.completed',
    run: async (row, i) => {
      const { billId, session } = await stripeBill(row, i);
      holdNext(row, 'checkout.session.completed', sessionIs(session.id));
      await click(row, billId, 'pay_delayed');
      await emulatorOf(row).settleDelayed(session.id, 'succeeded');
      await sendHeld(row, 'checkout.session.completed', sessionIs(session.id));
    },
  },
];

/** @type {import('../channel-case.mjs').ChannelCase} */
export const stripeOutOfOrder = {
  harness: stripe,
  name: 'out-of-order notifications',
  fault: `each bill in turn: ${DISORDERS.map((d) => d.name).join('; ')}`,
  async play(row) {
    await eachBill(0, row.bills, (i) => /** @type {(typeof DISORDERS)[number]} */ (DISORDERS[i % 4]).run(row, i));
    const conflicts = emulatorOf(row).webhooks.attempts.filter((a) => a.status === 409).length;
    row.notes.push(`${conflicts} webhooks answered 409 (a reversal before its payment) and retried by Stripe`);
  },
};
