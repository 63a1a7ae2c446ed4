import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buy } from './support/buy.js';
import { playCheckout } from './support/checkout-player.js';
import { type FakeBrowser, installFakeBrowser } from '@coinslot/testing/browser-fakes';
import { type StripeStack, startStripeStack } from './support/stripe-stack.js';

// Purchases end to end: the real core with the Stripe adapter in a fake browser, the real pay server with the Stripe
// driver (the official `stripe` library), and the Stripe emulator's hosted page and signed webhooks.
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
afterEach(() => stack.emulator.webhooks.idle());

describe('a Stripe purchase', () => {
  it('is paid when the player pays by card: checkout.session.completed (paid) settles the bill, and it can be delivered', async () => {
    const purchase = buy(stack);
    const bill = await purchase.bill;
    const session = stack.emulator.sessionFor(bill.id)!;
    expect(session).toMatchObject({
      mode: 'payment',
      amount_total: 499,
      currency: 'usd',
      client_reference_id: bill.id,
    });
    expect(session.metadata.coinslot_bill_id).toBe(bill.id);
    await playCheckout(stack.emulator, browser, bill.id, 'pay');
    const result = await purchase.result;
    expect(result.status).toBe('paid');
    expect((await stack.bill(bill.id)).state).toBe('paid');
    expect((await purchase.coinslot.deliver(bill.id)).bill.state).toBe('delivered');
  });

  it('ends declined when the card is declined and the bank debit the player tries next fails', async () => {
    const purchase = buy(stack);
    const bill = await purchase.bill;
    await playCheckout(stack.emulator, browser, bill.id, 'decline');
    expect((await stack.bill(bill.id)).state).toBe('created');
    await playCheckout(stack.emulator, browser, bill.id, 'pay_delayed');
    expect((await stack.bill(bill.id)).state).toBe('created');
    await stack.emulator.settleDelayed(stack.emulator.sessionFor(bill.id)!.id, 'failed');
    const result = await purchase.result;
    expect(result).toMatchObject({ status: 'declined', reason: 'declined' });
    expect((await stack.bill(bill.id)).failureReason).toBe('declined');
  });

  it('is paid when a bank debit settles after the player came back', async () => {
    const purchase = buy(stack);
    const bill = await purchase.bill;
    await playCheckout(stack.emulator, browser, bill.id, 'pay_delayed');
    await stack.emulator.settleDelayed(stack.emulator.sessionFor(bill.id)!.id, 'succeeded');
    expect((await purchase.result).status).toBe('paid');
  });

  it('is cancelled when the player follows Checkout back to the game', async () => {
    const purchase = buy(stack);
    const bill = await purchase.bill;
    await playCheckout(stack.emulator, browser, bill.id, 'leave');
    expect((await purchase.result).status).toBe('cancelled');
    expect((await stack.bill(bill.id)).state).toBe('cancelled');
  });

  it('charges JPY in yen and ISK in Stripe’s two-decimal unit, and maps both back to the bill’s minor units', async () => {
    for (const [itemId, stripeAmount] of [
      ['yen-pack', 500],
      ['krona-pack', 150_000],
    ] as const) {
      const purchase = buy(stack, { itemId });
      const bill = await purchase.bill;
      expect(stack.emulator.sessionFor(bill.id)!.amount_total).toBe(stripeAmount);
      await playCheckout(stack.emulator, browser, bill.id, 'pay');
      expect((await purchase.result).status).toBe('paid');
    }
  });

  it('sends a redirect checkout to Stripe and learns the outcome from the pay server while the page is away', async () => {
    const purchase = buy(stack, { presentation: 'redirect' });
    const bill = await purchase.bill;
    await expect.poll(() => browser.navigations.at(-1)).toBe(stack.emulator.sessionFor(bill.id)!.url);
    await playCheckout(stack.emulator, browser, bill.id, 'pay');
    expect((await purchase.result).status).toBe('paid');
  });
});
