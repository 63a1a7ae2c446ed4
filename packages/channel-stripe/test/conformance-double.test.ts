import { type DriveContext, runChannelConformance } from '@coinslot/testing/conformance';
import { afterAll } from 'vitest';
import { createStripeChannel, type StripeReturnMessage, type StripeReturnStatus } from '../src/index.js';
import { installFakeBrowser } from '@coinslot/testing/browser-fakes';

// The same suite on the pay-server DOUBLE from @coinslot/testing (msw, no driver, no Stripe): the double plays
// Stripe's webhooks per scenario, so the drive only does what the pay server's return page does in the popup — post
// its message to the game and close. Fast, and independent of the driver.
const browser = installFakeBrowser();
afterAll(() => browser.uninstall());

const PAY_SERVER = 'https://pay.test';

function returnPageSays(ctx: DriveContext, status: StripeReturnStatus): void {
  const popup = browser.showing(String(ctx.launch.checkoutUrl));
  if (ctx.presentation !== 'popup' || popup === undefined) return;
  const message: StripeReturnMessage = { source: 'coinslot-stripe', billId: ctx.bill.id, status };
  browser.post(popup, message, PAY_SERVER);
  popup.close();
}

runChannelConformance({
  name: 'stripe on the pay-server double',
  channel: () => createStripeChannel(),
  environment: { platform: 'web', window: () => browser.window.open('about:blank') },
  server: {
    // What the driver's launch answers (create-checkout-session.ts); the double has no driver, so it is given here.
    double: {
      launch: (bill) => ({
        checkoutUrl: `https://checkout.stripe.com/c/pay/cs_test_${bill.id}`,
        sessionId: `cs_test_${bill.id}`,
        returnOrigin: PAY_SERVER,
        expiresAt: bill.expiresAt + 16 * 60_000,
      }),
    },
  },
  drive: {
    approve: (ctx) => returnPageSays(ctx, 'completed'),
    decline: (ctx) => returnPageSays(ctx, 'completed'),
    cancel: (ctx) => returnPageSays(ctx, 'cancelled'),
  },
});
