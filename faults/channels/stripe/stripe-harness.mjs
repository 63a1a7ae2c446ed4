// @ts-check
import { loadEmulators, loadStripeServer } from '../channel-snapshot.mjs';
import { acceptingForgeries, withoutQuery } from '../planted-drivers.mjs';

/** The webhook signing secret the rows' attacker holds (the plant `accept-forged` has the driver trust it too). */
export const ATTACKER_WEBHOOK_SECRET = 'whsec_attackerHoldsThisOne0123456789';

/** The emulator's webhook retries after a non-2xx answer: Stripe's schedule (up to three days), shortened. */
const RETRY_DELAYS_MS = [100, 300, 1000, 3000, 8000];

/**
 * What Stripe holds about a bill, read from the emulator's own events (never from the pay server): paid when the
 * bill's session is paid, the charge's latest `amount_refunded`, charged back when funds were withdrawn for a
 * dispute or a dispute was lost.
 * @param {import('@coinslot/testing/emulators').StripeEmulator} emulator
 * @param {string} billId
 * @returns {import('../channel-case.mjs').ChannelTruth}
 */
function stripeTruth(emulator, billId) {
  const session = emulator.sessionFor(billId);
  const intent = session?.payment_intent;
  /** @param {import('@coinslot/testing/emulators').StripeEventObject} event */
  const object = (event) => /** @type {Record<string, any>} */ (event.data.object);
  const about = emulator.events.filter((event) => intent && object(event).payment_intent === intent);
  const refunds = about.filter((event) => event.type === 'charge.refunded');
  return {
    paid: session?.payment_status === 'paid',
    refundedAmount: Math.max(0, ...refunds.map((event) => Number(object(event).amount_refunded))),
    chargedBack: about.some(
      (event) =>
        event.type === 'charge.dispute.funds_withdrawn' ||
        (event.type === 'charge.dispute.closed' && object(event).status === 'lost'),
    ),
  };
}

/**
 * Stripe: the emulator of `@coinslot/testing/emulators` (Checkout Sessions, hosted page, webhooks signed with
 * `Stripe-Signature`) and `createStripeDriver` of `@coinslot/channel-stripe/server` pointed at it. Prices in USD.
 * @type {import('../channel-case.mjs').ChannelHarness}
 */
export const stripe = {
  id: 'stripe',
  price: { itemId: 'gems-500', amount: 499, currency: 'USD' },
  async start({ now, plant }) {
    const { startStripeEmulator } = await loadEmulators();
    const { createStripeDriver } = await loadStripeServer();
    const emulator = await startStripeEmulator({ now, retryDelaysMs: RETRY_DELAYS_MS });
    const options = { secretKey: emulator.secretKey, apiUrl: emulator.url, maxNetworkRetries: 0 };
    const real = createStripeDriver({ ...options, webhookSecret: emulator.webhookSecret });
    const driver =
      plant === 'accept-forged'
        ? acceptingForgeries(real, createStripeDriver({ ...options, webhookSecret: ATTACKER_WEBHOOK_SECRET }))
        : plant === 'no-query'
          ? withoutQuery(real)
          : real;
    return {
      emulator,
      driver,
      connect: (serverUrl) => void (emulator.webhooks.url = `${serverUrl}/v1/notify/stripe`),
      truth: ({ bill }) => stripeTruth(emulator, bill.id),
      quiet: () => emulator.webhooks.idle(),
      close: () => emulator.close(),
    };
  },
};
