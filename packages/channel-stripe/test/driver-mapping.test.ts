import type { Bill } from '@coinslot/core';
import type { ChannelDriver, DriverContext } from '@coinslot/server';
import { type StripeEmulator, startStripeEmulator } from '@coinslot/testing/emulators';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStripeDriver } from '../src/server/index.js';
import { eventBody, stripeSignature } from './support/signed-event.js';

// The driver alone against the emulator: each Stripe event type and shape, signed with Stripe's own test helper,
// and what verifyNotification makes of it. (Through a real pay server, see the other test files.)
let emulator: StripeEmulator;
let driver: ChannelDriver;
const ctx: DriverContext = {
  publicUrl: 'https://pay.test',
  now: Date.now,
  logger: { info() {}, warn() {}, error() {} },
};
beforeAll(async () => {
  emulator = await startStripeEmulator();
  driver = createStripeDriver({
    secretKey: emulator.secretKey,
    webhookSecret: emulator.webhookSecret,
    apiUrl: emulator.url,
    maxNetworkRetries: 0,
  });
});
afterAll(() => emulator.close());

let bills = 0;
function bill(overrides: Partial<Bill> = {}): Bill {
  const now = Date.now();
  bills += 1;
  return {
    id: `b_mapping${bills}`,
    appId: 'default',
    userId: 'p1',
    itemId: 'gem-pack',
    quantity: 1,
    amount: 499,
    currency: 'USD',
    channel: 'stripe',
    state: 'created',
    createdAt: now,
    updatedAt: now,
    expiresAt: now + 15 * 60_000,
    ...overrides,
  };
}

/** The driver's verdict on `object` sent as a signed event of `type`. */
function verdict(type: string, object: object, created = Date.now()) {
  const body = eventBody(type, object, { created: Math.floor(created / 1000) });
  const request = new Request('https://pay.test/v1/notify/stripe', {
    method: 'POST',
    headers: { 'stripe-signature': stripeSignature(body, emulator.webhookSecret) },
    body,
  });
  return driver.verifyNotification!(request, new TextEncoder().encode(body), ctx);
}

/** A launched bill's session, paid by card at the emulator. */
async function paidSession(given = bill()) {
  const launch = await driver.launch(given, ctx);
  await emulator.decide(String(launch.sessionId), 'pay');
  return { bill: given, session: emulator.session(String(launch.sessionId)) };
}

describe('Checkout Session events', () => {
  it('launches a session whose metadata, reference, price and return URLs come from the bill', async () => {
    const given = bill({ quantity: 3, amount: 1497 });
    const launch = await driver.launch(given, ctx);
    const session = emulator.session(String(launch.sessionId));
    expect(launch).toEqual({
      checkoutUrl: session.url,
      sessionId: session.id,
      returnOrigin: 'https://pay.test',
      expiresAt: session.expires_at * 1000,
    });
    expect(session).toMatchObject({
      client_reference_id: given.id,
      metadata: { coinslot_bill_id: given.id, coinslot_bill_expires_at: String(given.expiresAt) },
      amount_total: 1497,
      currency: 'usd',
      success_url: `https://pay.test/v1/stripe/return/${given.id}?status=completed`,
      cancel_url: `https://pay.test/v1/stripe/return/${given.id}?status=cancelled`,
    });
    const relaunched = await driver.launch(given, ctx);
    expect(relaunched.sessionId).toBe(session.id);
  });

  it('maps a paid completed session to paid with the signed amount, currency and PaymentIntent', async () => {
    const { bill: given, session } = await paidSession();
    expect(await verdict('checkout.session.completed', session)).toEqual({
      billId: given.id,
      transition: 'paid',
      amount: 499,
      currency: 'USD',
      channelTradeNo: session.payment_intent,
    });
  });

  it('names the payment by the PaymentIntent id its balance transaction shows (the settlement line)', async () => {
    const { bill: given, session } = await paidSession();
    const paid = await verdict('checkout.session.completed', session);
    const day = { date: new Date().toISOString().slice(0, 10), timeZone: 'UTC' };
    const lines = await driver.fetchSettlement!(day, ctx);
    const line = lines.find((entry) => entry.billId === given.id && entry.kind === 'payment');
    expect(line?.channelTradeNo).toMatch(/^pi_/);
    expect(paid).toMatchObject({ channelTradeNo: line?.channelTradeNo });
  });

  it('answers a query about a paid bill with its PaymentIntent id', async () => {
    const { bill: given, session } = await paidSession();
    expect(await driver.query!(given, ctx)).toEqual({
      billId: given.id,
      transition: 'paid',
      amount: 499,
      currency: 'USD',
      channelTradeNo: session.payment_intent,
    });
  });

  it('maps a completed session that needed no payment to paid (its amount is checked against the bill)', async () => {
    const { session } = await paidSession();
    const free = { ...session, payment_status: 'no_payment_required', amount_total: 0 };
    expect(await verdict('checkout.session.completed', free)).toMatchObject({ transition: 'paid', amount: 0 });
  });

  it('ignores a completed session still unpaid (a delayed method)', async () => {
    const { session } = await paidSession();
    expect(await verdict('checkout.session.completed', { ...session, payment_status: 'unpaid' })).toMatchObject({
      ignored: true,
    });
  });

  it('refuses a session whose client_reference_id and metadata name two bills', async () => {
    const { session } = await paidSession();
    const twoBills = { ...session, client_reference_id: 'b_other' };
    expect(await verdict('checkout.session.completed', twoBills)).toMatchObject({ refused: true });
  });

  it('maps a failed delayed payment to failed (declined) before the bill’s expiry, and ignores it after', async () => {
    const { bill: given, session } = await paidSession();
    expect(await verdict('checkout.session.async_payment_failed', session)).toMatchObject({
      transition: 'failed',
      reason: 'declined',
    });
    const late = await verdict('checkout.session.async_payment_failed', session, given.expiresAt + 1000);
    expect(late).toMatchObject({ ignored: true });
  });

  it('maps an expired session to cancelled before the bill’s expiry and ignores it from a minute before', async () => {
    const given = bill();
    const launch = await driver.launch(given, ctx);
    const [expired] = await emulator.expire(String(launch.sessionId));
    const session = expired!.data.object;
    expect(await verdict('checkout.session.expired', session)).toMatchObject({ transition: 'cancelled' });
    expect(await verdict('checkout.session.expired', session, given.expiresAt - 30_000)).toMatchObject({
      ignored: true,
    });
  });

  it('refuses an ISK session whose amount has no whole króna', async () => {
    const { session } = await paidSession(bill({ currency: 'ISK', amount: 1500 }));
    expect(session.amount_total).toBe(150_000);
    expect(await verdict('checkout.session.completed', { ...session, amount_total: 150_050 })).toMatchObject({
      refused: true,
    });
  });
});

describe('refund and dispute events', () => {
  it('maps charge.refunded to refunded with the running total, finding the bill through the PaymentIntent', async () => {
    const { bill: given, session } = await paidSession();
    await emulator.refund({ paymentIntent: session.payment_intent!, amount: 100 });
    await emulator.refund({ paymentIntent: session.payment_intent!, amount: 50 });
    const charge = emulator.events.filter((event) => event.type === 'charge.refunded').at(-1)!.data.object;
    expect(await verdict('charge.refunded', charge)).toEqual({
      billId: given.id,
      transition: 'refunded',
      refundedAmount: 150,
      amount: 499,
      currency: 'USD',
      channelTradeNo: session.payment_intent,
    });
  });

  it('reads the bill from the charge’s own metadata without asking Stripe', async () => {
    const charge = {
      id: 'ch_unknown',
      object: 'charge',
      amount: 499,
      amount_refunded: 499,
      currency: 'usd',
      metadata: { coinslot_bill_id: 'b_own' },
      payment_intent: 'pi_unknown_to_stripe',
    };
    expect(await verdict('charge.refunded', charge)).toMatchObject({ billId: 'b_own', refundedAmount: 499 });
  });

  it('ignores a refund of a charge no Coinslot bill made (another integration on the same account)', async () => {
    const stripe = new Stripe(emulator.secretKey, {
      host: emulator.host,
      port: emulator.port,
      protocol: emulator.protocol,
      httpClient: Stripe.createFetchHttpClient(),
    });
    const foreign = await stripe.checkout.sessions.create({
      mode: 'payment',
      line_items: [{ quantity: 1, price_data: { currency: 'usd', unit_amount: 900, product_data: { name: 'Mug' } } }],
      success_url: 'https://shop.test/thanks',
    });
    await emulator.decide(foreign.id, 'pay');
    await emulator.refund({ paymentIntent: emulator.session(foreign.id).payment_intent! });
    const charge = emulator.events.filter((event) => event.type === 'charge.refunded').at(-1)!.data.object;
    expect(await verdict('charge.refunded', charge)).toMatchObject({ ignored: true });
    expect(await verdict('checkout.session.completed', emulator.session(foreign.id))).toMatchObject({ ignored: true });
  });

  it('maps funds withdrawn and a lost close to charged back, and ignores the opening, an inquiry and a win', async () => {
    const { bill: given, session } = await paidSession();
    const dispute = await emulator.dispute({ paymentIntent: session.payment_intent!, reason: 'fraudulent' });
    const chargeback = {
      billId: given.id,
      transition: 'charged_back',
      amount: 499,
      currency: 'USD',
      reason: 'fraudulent',
      channelTradeNo: session.payment_intent,
    };
    expect(await verdict('charge.dispute.funds_withdrawn', dispute)).toEqual(chargeback);
    expect(await verdict('charge.dispute.closed', { ...dispute, status: 'lost' })).toEqual(chargeback);
    expect(await verdict('charge.dispute.created', dispute)).toMatchObject({ ignored: true });
    expect(await verdict('charge.dispute.closed', { ...dispute, status: 'won' })).toMatchObject({ ignored: true });
  });

  it('finds a dispute’s bill through its charge when it names no PaymentIntent', async () => {
    const { bill: given, session } = await paidSession();
    const dispute = await emulator.dispute({ paymentIntent: session.payment_intent! });
    const noIntent = { ...dispute, payment_intent: null };
    expect(await verdict('charge.dispute.funds_withdrawn', noIntent)).toMatchObject({ billId: given.id });
  });

  it('fails (the pay server answers 500 and Stripe retries) when Stripe cannot be asked about the payment', async () => {
    const offline = createStripeDriver({
      secretKey: emulator.secretKey,
      webhookSecret: emulator.webhookSecret,
      apiUrl: 'http://127.0.0.1:9',
      maxNetworkRetries: 0,
      timeoutMs: 1000,
    });
    const body = eventBody('charge.dispute.funds_withdrawn', { id: 'dp_1', object: 'dispute', payment_intent: 'pi_1' });
    const request = new Request('https://pay.test/v1/notify/stripe', {
      method: 'POST',
      headers: { 'stripe-signature': stripeSignature(body, emulator.webhookSecret) },
      body,
    });
    await expect(offline.verifyNotification!(request, new TextEncoder().encode(body), ctx)).rejects.toThrow();
  });
});
