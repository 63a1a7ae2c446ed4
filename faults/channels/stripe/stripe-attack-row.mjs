// @ts-check
import { eachBill } from '../../fulfilment/row-helpers.mjs';
import { loadEmulators } from '../channel-snapshot.mjs';
import { ATTACKER_WEBHOOK_SECRET, stripe } from './stripe-harness.mjs';
import { AMOUNT, click, emulatorOf, intentOf, stripeBill } from './stripe-moves.mjs';

/** Stripe's signature tolerance (the driver's default), and a second more. */
const PAST_TOLERANCE_MS = 301_000;

/**
 * An event body shaped as Stripe's, about `object`, that Stripe never made.
 * @param {import('../channel-case.mjs').ChannelRowRun} row
 * @param {string} type
 * @param {Record<string, any>} object
 */
function madeUpEvent(row, type, object) {
  return JSON.stringify({
    id: `evt_forged_${Math.random().toString(36).slice(2, 14)}`,
    object: 'event',
    api_version: emulatorOf(row).events[0]?.api_version,
    created: Math.floor(row.now() / 1000),
    data: { object },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
  });
}

/**
 * POSTs a webhook to the pay server as an attacker would; answers the status.
 * @param {import('../channel-case.mjs').ChannelRowRun} row
 * @param {string} body
 * @param {string} signature
 */
async function post(row, body, signature) {
  const response = await fetch(`${row.serverUrl}/v1/notify/stripe`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'stripe-signature': signature },
    body,
  });
  await response.arrayBuffer();
  return response.status;
}

/**
 * The captured (genuine) delivery of the session's `checkout.session.completed`.
 * @param {import('../channel-case.mjs').ChannelRowRun} row
 * @param {string} sessionId
 */
const capturedCompleted = (row, sessionId) =>
  emulatorOf(row).webhooks.attempts.find(
    (a) =>
      a.type === 'checkout.session.completed' && a.status === 200 && JSON.parse(a.body).data.object.id === sessionId,
  );

/** @type {import('../channel-case.mjs').ChannelCase} */
export const stripeForgedAndReplayed = {
  harness: stripe,
  name: 'forged and replayed notifications',
  fault:
    'half the players pay, half leave without paying; an attacker then posts, for each unpaid bill, a ' +
    'checkout.session.completed Stripe never made (signed with a secret that is not the endpoint’s) and a genuine ' +
    'completed of a paid bill with its body changed to name the unpaid one; for each paid bill a made-up ' +
    'charge.refunded in full; then replays every captured completed within Stripe’s 300 s tolerance (a harmless ' +
    'repeat) and again once it is older — each forged or stale one must be refused',
  async play(row) {
    const { stripeSignatureHeader } = await loadEmulators();
    /** @type {Array<{ billId: string, sessionId: string, paid: boolean }>} */
    const bills = [];
    await eachBill(0, row.bills, async (i) => {
      const { billId, session } = await stripeBill(row, i);
      const paid = i % 2 === 0;
      await click(row, billId, paid ? 'pay' : 'leave');
      bills[i] = { billId, sessionId: session.id, paid };
    });
    const attacker = (/** @type {string} */ body) =>
      stripeSignatureHeader(ATTACKER_WEBHOOK_SECRET, body, Math.floor(row.now() / 1000));
    await eachBill(0, row.bills, async (i) => {
      const { billId, sessionId, paid } = /** @type {(typeof bills)[number]} */ (bills[i]);
      if (paid) {
        const charge = emulatorOf(row).events.find(
          (e) =>
            e.type === 'charge.succeeded' &&
            /** @type {Record<string, any>} */ (e.data.object).payment_intent === intentOf(row, billId),
        )?.data.object;
        const refunded = madeUpEvent(row, 'charge.refunded', { ...charge, amount_refunded: AMOUNT, refunded: true });
        return row.attack('made-up refund', await post(row, refunded, attacker(refunded)));
      }
      const session = { ...emulatorOf(row).session(sessionId), status: 'complete', payment_status: 'paid' };
      const completed = madeUpEvent(row, 'checkout.session.completed', session);
      row.attack('made-up payment', await post(row, completed, attacker(completed)));
      const genuine = capturedCompleted(row, /** @type {(typeof bills)[number]} */ (bills[i - 1]).sessionId);
      if (!genuine) return void row.problems.push(`no captured completed of bill ${i - 1}`);
      const renamed = genuine.body.replaceAll(/** @type {(typeof bills)[number]} */ (bills[i - 1]).billId, billId);
      row.attack('changed body', await post(row, renamed, genuine.signature));
    });
    const paidBills = bills.filter((b) => b.paid);
    for (const { sessionId } of paidBills) {
      const genuine = capturedCompleted(row, sessionId);
      if (genuine) await emulatorOf(row).webhooks.replay(genuine);
    }
    await row.advance(PAST_TOLERANCE_MS);
    for (const { sessionId } of paidBills) {
      const genuine = capturedCompleted(row, sessionId);
      if (genuine) row.attack('stale replay', (await emulatorOf(row).webhooks.replay(genuine)).status);
    }
    row.notes.push(`${paidBills.length} captured deliveries replayed within the tolerance (harmless repeats)`);
  },
};
