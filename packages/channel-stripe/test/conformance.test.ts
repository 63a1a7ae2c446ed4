import { type DriveContext, runChannelConformance } from '@coinslot/testing/conformance';
import { afterAll, describe, expect, it } from 'vitest';
import { createStripeChannel } from '../src/index.js';
import { playCheckout } from './support/checkout-player.js';
import { installFakeBrowser } from '@coinslot/testing/browser-fakes';
import { type StripeStack, startStripeStack } from './support/stripe-stack.js';

// The adapter through the real core against a REAL pay server whose only driver is the Stripe driver, talking to the
// Stripe emulator: every purchase creates a Checkout Session, the "player" clicks on the emulator's hosted page, the
// emulator sends signed webhooks to /v1/notify/stripe, and core reads the pay server's signed result.
const browser = installFakeBrowser();
afterAll(() => browser.uninstall());

let stack: StripeStack | undefined;

/** Approve: pay by card; the second approval of `duplicate` is Stripe delivering the completed event again. */
async function approve(ctx: DriveContext): Promise<void> {
  const { emulator } = stack!;
  const session = emulator.sessionFor(ctx.bill.id)!;
  if (session.status === 'open') return playCheckout(emulator, browser, ctx.bill.id, 'pay');
  const completed = emulator.eventFor('checkout.session.completed', session.id)!;
  const attempt = await emulator.webhooks.redeliver(completed.id);
  if (attempt.status !== 200) throw new Error(`the repeated webhook was answered ${attempt.status}`);
}

/** Decline: in Stripe Checkout only a delayed method ends failed — a bank debit the bank then refuses. */
async function decline(ctx: DriveContext): Promise<void> {
  const { emulator } = stack!;
  await playCheckout(emulator, browser, ctx.bill.id, 'pay_delayed');
  await emulator.settleDelayed(emulator.sessionFor(ctx.bill.id)!.id, 'failed');
}

runChannelConformance({
  name: 'stripe on a real pay server and the Stripe emulator',
  channel: () => createStripeChannel(),
  environment: { platform: 'web', window: () => browser.window.open('about:blank') },
  server: { start: async () => (stack = await startStripeStack()) },
  drive: {
    approve,
    decline,
    cancel: (ctx) => playCheckout(stack!.emulator, browser, ctx.bill.id, 'leave'),
  },
});

describe('the Stripe side of those purchases', () => {
  it('settled every decided bill through signed webhooks the pay server accepted', () => {
    const attempts = stack!.emulator.webhooks.attempts;
    expect(attempts.length).toBeGreaterThanOrEqual(8);
    expect(attempts.filter((attempt) => attempt.status !== 200)).toEqual([]);
    const types = new Set(attempts.map((attempt) => attempt.type));
    expect(types).toContain('checkout.session.completed');
    expect(types).toContain('checkout.session.async_payment_failed');
  });
});
