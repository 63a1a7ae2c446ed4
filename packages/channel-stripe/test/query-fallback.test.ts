import type { Bill } from '@coinslot/core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buy } from './support/buy.js';
import { playCheckout } from './support/checkout-player.js';
import { type FakeBrowser, installFakeBrowser } from '@coinslot/testing/browser-fakes';
import { type StripeStack, startStripeStack } from './support/stripe-stack.js';

// Webhooks that never arrive: the pay server's query sweep asks the driver (query → Stripe's API on the emulator)
// at a checkpoint after creation and once after expiry, and settles the bill from Stripe's answer.
let stack: StripeStack;
let expiring: StripeStack;
let browser: FakeBrowser;
beforeAll(async () => {
  browser = installFakeBrowser();
  stack = await startStripeStack({ query: { checkpointsMs: [400], afterExpiryMs: false, intervalMs: 100 } });
  expiring = await startStripeStack({
    billTtlMs: 1000,
    query: { checkpointsMs: [], afterExpiryMs: 100, intervalMs: 100 },
  });
});
afterAll(async () => {
  await stack.close();
  await expiring.close();
  browser.uninstall();
});
afterEach(async () => {
  await stack.emulator.webhooks.idle();
  await expiring.emulator.webhooks.idle();
});

const settledByQuery = (on: StripeStack, billId: string) =>
  on.logs.some(
    (line) =>
      line.message === 'bill settled by a channel query' && (line.data as Bill & { billId: string }).billId === billId,
  );

describe('the query fallback', () => {
  it('settles a card payment whose checkout.session.completed was lost, and the player’s purchase ends paid', async () => {
    stack.emulator.webhooks.drop('checkout.session.completed');
    const purchase = buy(stack);
    const bill = await purchase.bill;
    await playCheckout(stack.emulator, browser, bill.id, 'pay');
    expect(stack.emulator.webhooks.dropped.map((event) => event.type)).toEqual(['checkout.session.completed']);
    expect((await purchase.result).status).toBe('paid');
    expect(settledByQuery(stack, bill.id)).toBe(true);
    expect(await stack.billEvents(bill.id)).toEqual(['bill.paid']);
  });

  it('settles a bank debit whose failure was never notified as failed (declined)', async () => {
    stack.emulator.webhooks.drop('checkout.session.async_payment_failed');
    const purchase = buy(stack);
    const bill = await purchase.bill;
    await playCheckout(stack.emulator, browser, bill.id, 'pay_delayed');
    await stack.emulator.settleDelayed(stack.emulator.sessionFor(bill.id)!.id, 'failed');
    expect(await purchase.result).toMatchObject({ status: 'declined', reason: 'declined' });
    expect(settledByQuery(stack, bill.id)).toBe(true);
  });

  it('leaves a bill whose player is still on Checkout as it is (pending)', async () => {
    const purchase = buy(stack, { deadlineMs: 1500 });
    const bill = await purchase.bill;
    expect((await purchase.result).status).toBe('pending');
    expect((await stack.bill(bill.id)).state).toBe('created');
    expect(settledByQuery(stack, bill.id)).toBe(false);
    await playCheckout(stack.emulator, browser, bill.id, 'leave');
  });

  it('after the bill’s expiry, expires its still-open session at Stripe: a late click on Pay is refused there', async () => {
    const purchase = buy(expiring);
    const bill = await purchase.bill;
    const session = expiring.emulator.sessionFor(bill.id)!;
    await expect.poll(() => expiring.emulator.session(session.id).status, { timeout: 5000 }).toBe('expired');
    browser.showing(`${expiring.emulator.url}/c/pay/${session.id}`)!.close();
    expect((await purchase.result).status).toBe('expired');
    await expect(expiring.emulator.decide(session.id, 'pay')).rejects.toThrow(/no longer be paid/);
    await expiring.emulator.webhooks.idle();
    const expiredEvent = expiring.emulator.eventFor('checkout.session.expired', session.id)!;
    expect(expiring.emulator.webhooks.attempts.find((a) => a.eventId === expiredEvent.id)?.status).toBe(200);
    expect(await expiring.billEvents(bill.id)).toEqual(['bill.expired']);
  });

  it('finds a payment made before the bill expired whose webhook was lost, once after expiry (late payment)', async () => {
    expiring.emulator.webhooks.drop('checkout.session.completed');
    const purchase = buy(expiring);
    const bill = await purchase.bill;
    const session = expiring.emulator.sessionFor(bill.id)!;
    await expiring.emulator.decide(session.id, 'pay');
    browser.showing(`${expiring.emulator.url}/c/pay/${session.id}`)!.close();
    await purchase.result;
    await expect.poll(async () => (await expiring.bill(bill.id)).state, { timeout: 5000 }).toBe('paid');
    expect(settledByQuery(expiring, bill.id)).toBe(true);
  });

  it('answers a refusal (logged, asked again) when Stripe has no session of the bill', async () => {
    const bill = { ...(await stack.bill((await buyAndLeave()).id)), id: 'b_neverlaunched', createdAt: Date.now() };
    const answer = await stack.driver.query!(bill, { publicUrl: stack.url, now: Date.now, logger: console });
    expect(answer).toMatchObject({ refused: true, reason: expect.stringContaining('no Checkout Session') });
  });
});

async function buyAndLeave(): Promise<Bill> {
  const purchase = buy(stack);
  const bill = await purchase.bill;
  await playCheckout(stack.emulator, browser, bill.id, 'leave');
  await purchase.result;
  return bill;
}
