// @ts-check
import { eachBill } from '../../fulfilment/row-helpers.mjs';
import { alipay } from './alipay-harness.mjs';
import { alipayBill, emulatorOf, pays, sendAgain } from './alipay-moves.mjs';

/** The pay server's defaults: the first query checkpoint after creation, the check after expiry. */
const FIRST_CHECKPOINT_MS = 120_000;
const AFTER_EXPIRY_MS = 60_000;
/** The late-payment row's bills live 90 s: no checkpoint after creation falls before their expiry. */
const SHORT_TTL_MS = 90_000;

const isPaid = (/** @type {Record<string, any>} */ bill) => ['paid', 'delivered', 'refunded'].includes(bill.state);

/** @type {import('../channel-case.mjs').ChannelCase} */
export const alipayLostNotifications = {
  harness: alipay,
  name: 'lost notifications, settled by the query fallback',
  fault:
    'two players in three pay and Alipay never sends the TRADE_SUCCESS notification; the third scans and is ' +
    'refused (Alipay notifies nothing); the clock moves past the first query checkpoint (2 min): the driver asks ' +
    'alipay.trade.query (answer signed by Alipay) and the pay server settles what it says',
  async play(row) {
    /** @type {string[]} */
    const paid = [];
    await eachBill(0, row.bills, async (i) => {
      const billId = await alipayBill(row, i);
      if (i % 3 === 2) {
        emulatorOf(row).scan(billId);
        return void emulatorOf(row).decline(billId);
      }
      await pays(row, billId, 'drop');
      paid.push(billId);
    });
    row.notes.push(`${paid.length} TRADE_SUCCESS notifications never sent`);
    await row.advance(FIRST_CHECKPOINT_MS + 1000);
    await row.waitForBills(paid, isPaid, 'paid after their notification was lost');
  },
};

/** @type {import('../channel-case.mjs').ChannelCase} */
export const alipayLatePayments = {
  harness: alipay,
  name: 'late payment after expiry',
  billTtlMs: SHORT_TTL_MS,
  fault:
    'bills live 90 s and Alipay closes their trades with them (time_expire); two players in three pay just ' +
    'before expiry, their TRADE_SUCCESS held: the bills expire, then one notification arrives late ' +
    '(expired → paid) and the other never does (the query after expiry finds the payment); the third player ' +
    'tries to pay after expiry and Alipay refuses (the trade is closed, its TRADE_CLOSED answered 409 by the ' +
    'expired bill)',
  async play(row) {
    /** @type {Array<{ billId: string, notification?: import('@coinslot/testing/emulators').AlipayNotification }>} */
    const bills = [];
    await eachBill(0, row.bills, async (i) => {
      const billId = await alipayBill(row, i);
      bills[i] = { billId, ...(i % 3 === 2 ? {} : { notification: await pays(row, billId, 'hold') }) };
    });
    await row.advance(SHORT_TTL_MS + 1000);
    const ids = bills.map((b) => b.billId);
    await row.waitForBills(ids, (bill) => bill.state === 'expired', 'expired');
    let refused = 0;
    await eachBill(0, row.bills, async (i) => {
      const { billId, notification } = /** @type {(typeof bills)[number]} */ (bills[i]);
      if (notification && i % 3 === 0) return void (await sendAgain(row, notification));
      if (notification) return;
      const tooLate = await emulatorOf(row)
        .pay(billId)
        .then(
          () => false,
          () => true,
        );
      if (tooLate) refused += 1;
      await emulatorOf(row).closeTrade(billId);
    });
    await row.advance(AFTER_EXPIRY_MS + 1000);
    await row.waitForBills(
      bills.filter((b) => b.notification).map((b) => b.billId),
      isPaid,
      'paid late',
    );
    row.notes.push(`${refused} payments after expiry refused by Alipay`);
  },
};
