// @ts-check
import { stripe } from './stripe-harness.mjs';

/**
 * What the rows make Stripe (its emulator) do for one bill: the player's clicks on the hosted page, refunds and
 * disputes, and webhooks held back and sent later.
 * @typedef {import('@coinslot/testing/emulators').StripeEmulator} StripeEmulator
 * @typedef {import('@coinslot/testing/emulators').StripeEventObject} StripeEvent
 */

/** @param {import('../channel-case.mjs').ChannelRowRun} row */
export const emulatorOf = (row) => /** @type {StripeEmulator} */ (row.setup.emulator);

/**
 * The bill's Checkout Session (the driver made it when the bill was created).
 * @param {import('../channel-case.mjs').ChannelRowRun} row
 * @param {string} billId
 */
export function sessionOf(row, billId) {
  const session = emulatorOf(row).sessionFor(billId);
  if (!session) throw new Error(`the Stripe emulator has no session for bill ${billId}`);
  return session;
}

/**
 * Creates bill `i` and answers it with its session.
 * @param {import('../channel-case.mjs').ChannelRowRun} row
 * @param {number} i
 */
export async function stripeBill(row, i) {
  const { bill } = await row.createBill(i);
  return { billId: /** @type {string} */ (bill.id), session: sessionOf(row, bill.id) };
}

/**
 * The player's click on the hosted page (resolves once Stripe's first attempt of each webhook it caused is answered).
 * @param {import('../channel-case.mjs').ChannelRowRun} row
 * @param {string} billId
 * @param {import('@coinslot/testing/emulators').StripeCheckoutDecision} decision
 */
export const click = (row, billId, decision) => emulatorOf(row).decide(sessionOf(row, billId).id, decision);

/**
 * The bill's PaymentIntent id (once the player paid).
 * @param {import('../channel-case.mjs').ChannelRowRun} row
 * @param {string} billId
 */
export const intentOf = (row, billId) => /** @type {string} */ (sessionOf(row, billId).payment_intent);

/**
 * Holds back the next webhook of `type` whose object matches: Stripe records it and does not send it until
 * {@link sendHeld} (a delivery delayed past the ones after it, or lost for good when never sent).
 * @param {import('../channel-case.mjs').ChannelRowRun} row
 * @param {string} type
 * @param {(object: Record<string, any>) => boolean} about
 */
export const holdNext = (row, type, about) =>
  emulatorOf(row).webhooks.drop((event) => event.type === type && about(event.data.object));

/**
 * Sends a held webhook now (freshly signed, as Stripe's retry would be).
 * @param {import('../channel-case.mjs').ChannelRowRun} row
 * @param {string} type
 * @param {(object: Record<string, any>) => boolean} about
 */
export async function sendHeld(row, type, about) {
  const event = emulatorOf(row).webhooks.dropped.find((e) => e.type === type && about(e.data.object));
  if (!event) throw new Error(`no ${type} webhook was held back`);
  return emulatorOf(row).webhooks.redeliver(event.id);
}

/**
 * Sends the latest webhook of `type` about `objectId` again (a duplicate delivery, freshly signed).
 * @param {import('../channel-case.mjs').ChannelRowRun} row
 * @param {string} type
 * @param {string} objectId
 */
export async function sendAgain(row, type, objectId) {
  const event = emulatorOf(row).eventFor(type, objectId);
  if (!event) throw new Error(`Stripe made no ${type} about ${objectId}`);
  return emulatorOf(row).webhooks.redeliver(event.id);
}

/** The price the rows sell at, in Stripe's minor units. */
export const AMOUNT = stripe.price.amount;
