// @ts-check
import { eachBill } from '../../fulfilment/row-helpers.mjs';
import { wechatpay } from './wechatpay-harness.mjs';
import { resend, scans, wechatBill } from './wechatpay-moves.mjs';

/** The pay server's defaults: the first query checkpoint after creation, the check after expiry. */
const FIRST_CHECKPOINT_MS = 120_000;
const AFTER_EXPIRY_MS = 60_000;
/** The late-payment row's bills live 90 s: no checkpoint after creation falls before their expiry. */
const SHORT_TTL_MS = 90_000;

const isPaid = (/** @type {Record<string, any>} */ bill) => ['paid', 'delivered', 'refunded'].includes(bill.state);

/** @type {import('../channel-case.mjs').ChannelCase} */
export const wechatpayLostNotifications = {
  harness: wechatpay,
  name: 'lost notifications, settled by the query fallback',
  fault:
    'two players in three pay and WeChat Pay never delivers TRANSACTION.SUCCESS; the bank refuses the third ' +
    '(PAYERROR, which WeChat Pay never notifies); the clock moves past the first query checkpoint (2 min): the ' +
    'driver asks for each order by out_trade_no (answer signed by WeChat Pay) — paid, or failed',
  async play(row) {
    /** @type {string[]} */
    const asked = [];
    await eachBill(0, row.bills, async (i) => {
      const { billId, codeUrl } = await wechatBill(row, i);
      await scans(row, codeUrl, i % 3 === 2 ? { result: 'PAYERROR' } : { delivery: 'drop' });
      asked.push(billId);
    });
    await row.advance(FIRST_CHECKPOINT_MS + 1000);
    await row.waitForBills(asked, (bill) => bill.state !== 'created', 'settled after their payment was never notified');
  },
};

/** @type {import('../channel-case.mjs').ChannelCase} */
export const wechatpayLatePayments = {
  harness: wechatpay,
  name: 'late payment after expiry',
  billTtlMs: SHORT_TTL_MS,
  fault:
    'bills live 90 s and their orders close with them (time_expire); in turn, a player pays just before expiry ' +
    'with TRANSACTION.SUCCESS held until the bill expired (expired → paid); one pays with it lost (the query ' +
    'after expiry finds the payment); one closes the code (the bill is cancelled) and then pays on the phone, ' +
    'the order still open (cancelled → paid); one tries to pay after expiry and WeChat Pay refuses',
  async play(row) {
    /** @type {Array<{ billId: string, codeUrl: string }>} */
    const bills = [];
    await eachBill(0, row.bills, async (i) => {
      bills[i] = await wechatBill(row, i);
    });
    const kind = (/** @type {number} */ i) => ['held', 'lost', 'cancelled', 'too late'][i % 4];
    const of = (/** @type {string} */ wanted) => bills.filter((_, i) => kind(i) === wanted);
    const held = [];
    for (const { codeUrl } of of('held')) held.push(await scans(row, codeUrl, { delivery: 'hold' }));
    for (const { codeUrl } of of('lost')) await scans(row, codeUrl, { delivery: 'drop' });
    await cancelAll(
      row,
      of('cancelled').map((b) => b.billId),
    );
    for (const { codeUrl } of of('cancelled')) await scans(row, codeUrl);
    await row.advance(SHORT_TTL_MS + 1000);
    const unpaid = [...of('held'), ...of('lost'), ...of('too late')].map((b) => b.billId);
    await row.waitForBills(unpaid, (bill) => bill.state === 'expired', 'expired');
    for (const notification of held) await resend(row, notification);
    await row.advance(AFTER_EXPIRY_MS + 1000);
    const paid = [...of('held'), ...of('lost'), ...of('cancelled')].map((b) => b.billId);
    await row.waitForBills(paid, isPaid, 'paid late');
    let refused = 0;
    for (const { codeUrl } of of('too late')) {
      const answer = await scans(row, codeUrl).then(
        () => 'paid',
        (/** @type {any} */ error) => String(error?.code),
      );
      if (answer === 'ORDER_EXPIRED') refused += 1;
    }
    row.notes.push(
      `${refused} of ${of('too late').length} payments after expiry refused by WeChat Pay (ORDER_EXPIRED)`,
    );
  },
};

/**
 * The player closes the QR code: the game client cancels the bill (`POST /v1/bills/:id/cancel`, here with the game
 * backend's server key). WeChat Pay's order stays open.
 * @param {import('../channel-case.mjs').ChannelRowRun} row
 * @param {string[]} billIds
 */
async function cancelAll(row, billIds) {
  for (const billId of billIds) {
    const response = await fetch(`${row.serverUrl}/v1/bills/${billId}/cancel`, {
      method: 'POST',
      headers: { authorization: `Bearer ${row.serverKey}`, 'content-type': 'application/json' },
      body: '{}',
    });
    if (!response.ok) row.problems.push(`cancelling ${billId} answered ${response.status}`);
  }
}
