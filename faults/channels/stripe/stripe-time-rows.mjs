// @ts-check
import { eachBill } from '../../fulfilment/row-helpers.mjs';
import { until } from '../../lib/random.mjs';
import { stripe } from './stripe-harness.mjs';
import { click, emulatorOf, holdNext, stripeBill } from './stripe-moves.mjs';

/** The pay server's defaults: the first query checkpoint after creation, a bill's lifetime, the check after expiry. */
const FIRST_CHECKPOINT_MS = 120_000;
const BILL_TTL_MS = 15 * 60_000;
const AFTER_EXPIRY_MS = 60_000;

const isPaid = (/** @type {Record<string, any>} */ bill) => bill.state !== 'created' && bill.state !== 'expired';

/** @type {import('../channel-case.mjs').ChannelCase} */
export const stripeLostNotifications = {
  harness: stripe,
  name: 'lost notifications, settled by the query fallback',
  fault:
    'Stripe never sends the webhook that settles the bill — checkout.session.completed of a card payment, ' +
    'async_payment_succeeded or async_payment_failed of a bank debit (in turn; every 4th player only looks and ' +
    'leaves) — and the clock moves past the first query checkpoint (2 min): the driver finds each session at Stripe',
  async play(row) {
    /** @type {string[]} */
    const settled = [];
    await eachBill(0, row.bills, async (i) => {
      const { billId, session } = await stripeBill(row, i);
      const kind = i % 4;
      const about = (/** @type {Record<string, any>} */ object) => object.id === session.id;
      if (kind === 0) {
        holdNext(row, 'checkout.session.completed', about);
        await click(row, billId, 'pay');
      } else if (kind === 3) {
        return void (await click(row, billId, 'leave'));
      } else {
        const outcome = kind === 1 ? 'succeeded' : 'failed';
        holdNext(row, `checkout.session.async_payment_${outcome}`, about);
        await click(row, billId, 'pay_delayed');
        await emulatorOf(row).settleDelayed(session.id, outcome);
      }
      settled.push(billId);
    });
    row.notes.push(`${emulatorOf(row).webhooks.dropped.length} webhooks never sent`);
    await row.advance(FIRST_CHECKPOINT_MS + 1000);
    await row.waitForBills(settled, (bill) => bill.state !== 'created', 'settled after their webhook was lost');
  },
};

/** @type {import('../channel-case.mjs').ChannelCase} */
export const stripeLatePayments = {
  harness: stripe,
  name: 'late payment after expiry',
  fault:
    'the clock moves past the bills’ 15 minutes while their Checkout Sessions stay open (Stripe’s 30-minute ' +
    'minimum); a third of the players then pay with the webhook sent (expired → paid), a third pay with ' +
    'checkout.session.completed lost (the query after expiry finds it), a third do not pay before that query ' +
    'expires their session at Stripe, and their later click is refused by Stripe',
  async play(row) {
    /** @type {Array<{ billId: string, sessionId: string }>} */
    const bills = [];
    await eachBill(0, row.bills, async (i) => {
      const { billId, session } = await stripeBill(row, i);
      bills[i] = { billId, sessionId: session.id };
    });
    await row.advance(BILL_TTL_MS + 1000);
    await row.waitForBills(
      bills.map((b) => b.billId),
      (bill) => bill.state === 'expired',
      'expired',
    );
    await eachBill(0, row.bills, async (i) => {
      const { billId, sessionId } = /** @type {(typeof bills)[number]} */ (bills[i]);
      if (i % 3 === 1)
        holdNext(row, 'checkout.session.completed', (/** @type {Record<string, any>} */ o) => o.id === sessionId);
      if (i % 3 !== 2) await click(row, billId, 'pay');
    });
    await row.advance(AFTER_EXPIRY_MS + 1000);
    const paidLate = bills.filter((_, i) => i % 3 !== 2).map((b) => b.billId);
    await row.waitForBills(paidLate, isPaid, 'paid late');
    const tooLate = bills.filter((_, i) => i % 3 === 2);
    const closed = await until(
      () => tooLate.every((b) => emulatorOf(row).session(b.sessionId).status !== 'open'),
      20_000,
    );
    if (!closed) row.notes.push('the query after expiry left some sessions open at Stripe');
    let refused = 0;
    await eachBill(0, tooLate.length, async (k) => {
      const refusedByStripe = await click(row, /** @type {(typeof tooLate)[number]} */ (tooLate[k]).billId, 'pay').then(
        () => false,
        () => true,
      );
      if (refusedByStripe) refused += 1;
    });
    row.notes.push(
      `${refused} of ${tooLate.length} clicks on Pay after the query expired the session refused by Stripe`,
    );
  },
};
