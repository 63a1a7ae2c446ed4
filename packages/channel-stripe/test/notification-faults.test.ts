import type { Bill } from '@coinslot/core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buy } from './support/buy.js';
import { playCheckout } from './support/checkout-player.js';
import { type FakeBrowser, installFakeBrowser } from '@coinslot/testing/browser-fakes';
import { eventBody, stripeSignature } from './support/signed-event.js';
import { type StripeStack, startStripeStack } from './support/stripe-stack.js';

// What Stripe (or someone pretending to be Stripe) sends to /v1/notify/stripe, against the real pay server and the
// Stripe driver: forgeries, tampering, replays, duplicates and events out of order. Each forged or malformed one is
// refused and leaves the bill as it was.
let stack: StripeStack;
let browser: FakeBrowser;
beforeAll(async () => {
  browser = installFakeBrowser();
  stack = await startStripeStack();
});
afterAll(async () => {
  await stack.close();
  browser.uninstall();
});
afterEach(async () => {
  stack.clock.offsetMs = 0;
  await stack.emulator.webhooks.release();
  await stack.emulator.webhooks.idle();
});

/** A bill whose player paid by card while Stripe's webhooks were held back: the bill is still `created`. */
async function paidAtStripeOnly(): Promise<{ bill: Bill; completed: string }> {
  const purchase = buy(stack, { deadlineMs: 1500 });
  const bill = await purchase.bill;
  stack.emulator.webhooks.hold();
  await playCheckout(stack.emulator, browser, bill.id, 'pay');
  const session = stack.emulator.sessionFor(bill.id)!;
  void purchase.result.catch(() => undefined);
  return { bill, completed: stack.emulator.eventFor('checkout.session.completed', session.id)!.id };
}

/** The completed event's body as the emulator would send it, changed by `edit`. */
function completedBody(eventId: string, edit: (event: Record<string, any>) => void = () => {}): string {
  const event = structuredClone(stack.emulator.events.find((e) => e.id === eventId)!) as Record<string, any>;
  edit(event);
  return JSON.stringify(event);
}

const errorCode = async (response: Response) => ((await response.json()) as { error?: { code?: string } }).error?.code;

describe('forged and malformed notifications are refused and change nothing', () => {
  it('refuses an event signed with another secret', async () => {
    const { bill, completed } = await paidAtStripeOnly();
    const attempt = await stack.emulator.webhooks.forge(completed);
    expect(attempt.status).toBe(400);
    expect((await stack.bill(bill.id)).state).toBe('created');
    expect(stack.logs.at(-1)?.data).toMatchObject({ reason: expect.stringContaining('does not match the body') });
  });

  it('refuses a genuine signature over a body changed after signing', async () => {
    const { bill, completed } = await paidAtStripeOnly();
    const body = completedBody(completed);
    const signature = stripeSignature(body, stack.emulator.webhookSecret);
    const tampered = body.replace('"amount_total":499', '"amount_total":1');
    expect(tampered).not.toBe(body);
    const response = await stack.notify(tampered, signature);
    expect(response.status).toBe(400);
    expect(await errorCode(response)).toBe('INVALID_NOTIFICATION');
    expect((await stack.bill(bill.id)).state).toBe('created');
  });

  it.each([
    ['no header', undefined],
    ['an empty header', ' '],
    ['no timestamp', 'v1=0000000000000000000000000000000000000000000000000000000000000000'],
    ['no v1 signature', `t=${Math.floor(Date.now() / 1000)},v0=abc`],
  ])('refuses a notification with %s', async (_, signature) => {
    const { bill, completed } = await paidAtStripeOnly();
    const response = await stack.notify(completedBody(completed), signature);
    expect(response.status).toBe(400);
    expect((await stack.bill(bill.id)).state).toBe('created');
  });

  it('refuses a correctly signed event whose amount or currency is not the bill’s', async () => {
    const { bill, completed } = await paidAtStripeOnly();
    for (const edit of [
      (event: Record<string, any>) => void (event.data.object.amount_total = 99),
      (event: Record<string, any>) => void (event.data.object.currency = 'eur'),
    ]) {
      const body = completedBody(completed, edit);
      const response = await stack.notify(body, stripeSignature(body, stack.emulator.webhookSecret));
      expect(response.status).toBe(400);
    }
    expect((await stack.bill(bill.id)).state).toBe('created');
  });

  it('refuses a live-mode event sent to a test-mode key', async () => {
    const { bill, completed } = await paidAtStripeOnly();
    const body = completedBody(completed, (event) => void (event.livemode = true));
    const response = await stack.notify(body, stripeSignature(body, stack.emulator.webhookSecret));
    expect(response.status).toBe(400);
    expect((await stack.bill(bill.id)).state).toBe('created');
  });

  it('answers 404 for a signed event about a bill the pay server does not have', async () => {
    const { completed } = await paidAtStripeOnly();
    const body = completedBody(completed, (event) => {
      event.data.object.client_reference_id = 'b_unknown';
      event.data.object.metadata.coinslot_bill_id = 'b_unknown';
    });
    const response = await stack.notify(body, stripeSignature(body, stack.emulator.webhookSecret));
    expect(response.status).toBe(404);
    expect(await errorCode(response)).toBe('BILL_NOT_FOUND');
  });
});

describe('events the driver does not map are answered 200 and change nothing', () => {
  it('ignores a signed event type it does not map, and still refuses a forged one', async () => {
    const body = eventBody('payout.paid', { id: 'po_1', object: 'payout', amount: 1000, currency: 'usd' });
    const answer = await stack.notify(body, stripeSignature(body, stack.emulator.webhookSecret));
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ ok: true, ignored: true });
    expect((await stack.notify(body, stripeSignature(body, 'whsec_someoneelse0000'))).status).toBe(400);
  });

  it('ignores a Checkout Session another integration of the account created (no coinslot_bill_id)', async () => {
    const { completed } = await paidAtStripeOnly();
    const body = completedBody(completed, (event) => {
      event.data.object.metadata = {};
      event.data.object.client_reference_id = 'order-77';
    });
    const answer = await stack.notify(body, stripeSignature(body, stack.emulator.webhookSecret));
    expect(await answer.json()).toEqual({ ok: true, ignored: true });
  });

  it('answers the events Stripe sends beside the mapped ones (payment_intent.*, charge.succeeded) 200 ignored', async () => {
    const purchase = buy(stack);
    const bill = await purchase.bill;
    await playCheckout(stack.emulator, browser, bill.id, 'pay');
    await purchase.result;
    const answered = stack.emulator.webhooks.attempts.filter((a) => a.type === 'charge.succeeded');
    expect(answered.length).toBeGreaterThan(0);
    expect(answered.every((attempt) => attempt.status === 200)).toBe(true);
  });
});

describe('duplicates and replays', () => {
  it('answers a duplicate delivery 200 without a second change or event', async () => {
    const purchase = buy(stack);
    const bill = await purchase.bill;
    await playCheckout(stack.emulator, browser, bill.id, 'pay');
    expect((await purchase.result).status).toBe('paid');
    const before = await stack.bill(bill.id);
    const session = stack.emulator.sessionFor(bill.id)!;
    const completed = stack.emulator.eventFor('checkout.session.completed', session.id)!;
    expect((await stack.emulator.webhooks.redeliver(completed.id)).status).toBe(200);
    expect((await stack.emulator.webhooks.redeliver(completed.id)).status).toBe(200);
    expect(await stack.bill(bill.id)).toEqual(before);
    expect(await stack.billEvents(bill.id)).toEqual(['bill.paid']);
  });

  it('refuses a captured delivery replayed after Stripe’s 300 s tolerance, and takes it as a harmless repeat within it', async () => {
    const { bill, completed } = await paidAtStripeOnly();
    const [first] = await stack.emulator.webhooks.release();
    expect(first?.eventId).toBeDefined();
    const delivered = stack.emulator.webhooks.attempts.find((a) => a.eventId === completed && a.status === 200)!;
    expect((await stack.bill(bill.id)).state).toBe('paid');
    expect((await stack.emulator.webhooks.replay(delivered)).status).toBe(200);
    stack.clock.offsetMs = 301_000;
    expect((await stack.emulator.webhooks.replay(delivered)).status).toBe(400);
    expect(stack.logs.at(-1)?.data).toMatchObject({ reason: expect.stringContaining('s old') });
    expect(await stack.billEvents(bill.id)).toEqual(['bill.paid']);
  });

  it('refuses a replayed capture of a payment that never happened here: an old genuine event for an unpaid bill', async () => {
    const { bill, completed } = await paidAtStripeOnly();
    const body = completedBody(completed);
    const oldSignature = stripeSignature(body, stack.emulator.webhookSecret, Date.now() - 301_000);
    expect((await stack.notify(body, oldSignature)).status).toBe(400);
    expect((await stack.bill(bill.id)).state).toBe('created');
  });
});

describe('events out of order', () => {
  it('applies a refund that overtook its payment once Stripe retries it after the payment (409, then 200)', async () => {
    const { bill } = await paidAtStripeOnly();
    const intent = stack.emulator.sessionFor(bill.id)!.payment_intent!;
    await stack.emulator.refund({ paymentIntent: intent, amount: 200 });
    await stack.emulator.webhooks.release('reverse');
    await stack.emulator.webhooks.idle();
    const refundAttempts = stack.emulator.webhooks.attempts.filter((a) => a.type === 'charge.refunded');
    expect(refundAttempts.map((a) => a.status)).toEqual([409, 200]);
    expect(await stack.bill(bill.id)).toMatchObject({ state: 'refunded', refundedAmount: 200 });
    expect(await stack.billEvents(bill.id)).toEqual(['bill.paid', 'bill.refunded']);
  });

  it('ends at the larger running total when two partial refunds arrive in reverse order', async () => {
    const purchase = buy(stack);
    const bill = await purchase.bill;
    await playCheckout(stack.emulator, browser, bill.id, 'pay');
    await purchase.result;
    const intent = stack.emulator.sessionFor(bill.id)!.payment_intent!;
    stack.emulator.webhooks.hold();
    await stack.emulator.refund({ paymentIntent: intent, amount: 100 });
    await stack.emulator.refund({ paymentIntent: intent, amount: 150 });
    await stack.emulator.webhooks.release('reverse');
    expect(await stack.bill(bill.id)).toMatchObject({ state: 'refunded', refundedAmount: 250 });
    expect(await stack.billEvents(bill.id)).toEqual(['bill.paid', 'bill.refunded']);
  });

  it('is paid once when async_payment_succeeded arrives before the unpaid checkout.session.completed', async () => {
    const purchase = buy(stack);
    const bill = await purchase.bill;
    stack.emulator.webhooks.hold();
    await playCheckout(stack.emulator, browser, bill.id, 'pay_delayed');
    await stack.emulator.settleDelayed(stack.emulator.sessionFor(bill.id)!.id, 'succeeded');
    const attempts = await stack.emulator.webhooks.release('reverse');
    expect(attempts.every((attempt) => attempt?.status === 200)).toBe(true);
    expect((await purchase.result).status).toBe('paid');
    expect(await stack.billEvents(bill.id)).toEqual(['bill.paid']);
  });
});
