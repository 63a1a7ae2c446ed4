import type { Bill } from '@coinslot/core';
import Stripe from 'stripe';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buy, type Purchase } from './support/buy.js';
import { playCheckout } from './support/checkout-player.js';
import { type FakeBrowser, installFakeBrowser } from '@coinslot/testing/browser-fakes';
import { type StripeStack, startStripeStack } from './support/stripe-stack.js';

// Refunds and chargebacks of paid Stripe bills: the studio refunds with its own Stripe client (the official library
// against the emulator), the cardholder's bank disputes; Stripe's webhooks reach the pay server, and the game sees
// the reversal in its verified result.
let stack: StripeStack;
let browser: FakeBrowser;
let stripe: Stripe;
beforeAll(async () => {
  browser = installFakeBrowser();
  stack = await startStripeStack();
  const { secretKey, host, port, protocol } = stack.emulator;
  stripe = new Stripe(secretKey, { host, port, protocol, httpClient: Stripe.createFetchHttpClient() });
});
afterAll(async () => {
  await stack.close();
  browser.uninstall();
});
afterEach(() => stack.emulator.webhooks.idle());

async function paidBill(): Promise<{ bill: Bill; intent: string; purchase: Purchase }> {
  const purchase = buy(stack);
  const bill = await purchase.bill;
  await playCheckout(stack.emulator, browser, bill.id, 'pay');
  expect((await purchase.result).status).toBe('paid');
  return { bill, intent: stack.emulator.sessionFor(bill.id)!.payment_intent!, purchase };
}

describe('refunds', () => {
  it('refunds in part, then the rest: refundedAmount follows Stripe’s amount_refunded running total', async () => {
    const { bill, intent, purchase } = await paidBill();
    await stripe.refunds.create({ payment_intent: intent, amount: 199, reason: 'requested_by_customer' });
    await stack.emulator.webhooks.idle();
    expect(await stack.bill(bill.id)).toMatchObject({ state: 'refunded', refundedAmount: 199 });
    await stripe.refunds.create({ payment_intent: intent });
    await stack.emulator.webhooks.idle();
    expect(await stack.bill(bill.id)).toMatchObject({ state: 'refunded', refundedAmount: 499 });
    expect(await stack.billEvents(bill.id)).toEqual(['bill.paid', 'bill.refunded', 'bill.refunded']);
    const seen = await purchase.coinslot.resume(bill.id);
    expect(seen).toMatchObject({ status: 'refunded', bill: { refundedAmount: 499 } });
  });

  it('refunds a delivered bill', async () => {
    const { bill, intent, purchase } = await paidBill();
    await purchase.coinslot.deliver(bill.id);
    await stack.emulator.refund({ paymentIntent: intent, amount: 1 });
    expect(await stack.bill(bill.id)).toMatchObject({ state: 'refunded', refundedAmount: 1 });
  });
});

describe('chargebacks', () => {
  it('ignores the opened dispute, charges back when its funds are withdrawn, and takes the lost close as a repeat', async () => {
    const { bill, intent } = await paidBill();
    stack.emulator.webhooks.hold();
    const dispute = await stack.emulator.dispute({ paymentIntent: intent, reason: 'fraudulent' });
    const [created, withdrawn] = await stack.emulator.webhooks.release();
    expect(created?.type).toBe('charge.dispute.created');
    expect(created?.status).toBe(200);
    expect(withdrawn?.type).toBe('charge.dispute.funds_withdrawn');
    expect(await stack.bill(bill.id)).toMatchObject({ state: 'charged_back', reversalReason: 'fraudulent' });
    await stack.emulator.closeDispute(dispute.id, 'lost');
    expect(await stack.billEvents(bill.id)).toEqual(['bill.paid', 'bill.charged_back']);
  });

  it('charges back a partly refunded bill, keeping its refundedAmount', async () => {
    const { bill, intent } = await paidBill();
    await stack.emulator.refund({ paymentIntent: intent, amount: 100 });
    await stack.emulator.dispute({ paymentIntent: intent, reason: 'product_not_received' });
    expect(await stack.bill(bill.id)).toMatchObject({
      state: 'charged_back',
      refundedAmount: 100,
      reversalReason: 'product_not_received',
    });
  });

  it('changes nothing for an inquiry (no money moves) and for a dispute the merchant wins before funds move', async () => {
    const { bill, intent } = await paidBill();
    const inquiry = await stack.emulator.dispute({ paymentIntent: intent, inquiry: true });
    await stack.emulator.closeDispute(inquiry.id, 'won');
    expect((await stack.bill(bill.id)).state).toBe('paid');
    expect(
      stack.emulator.webhooks.attempts
        .filter((a) => a.type.startsWith('charge.dispute'))
        .every((a) => a.status === 200),
    ).toBe(true);
  });

  it('charges back when only the lost close arrives (funds_withdrawn lost)', async () => {
    const { bill, intent } = await paidBill();
    stack.emulator.webhooks.drop('charge.dispute.funds_withdrawn');
    const dispute = await stack.emulator.dispute({ paymentIntent: intent });
    expect((await stack.bill(bill.id)).state).toBe('paid');
    await stack.emulator.closeDispute(dispute.id, 'lost');
    expect((await stack.bill(bill.id)).state).toBe('charged_back');
  });
});
