import { runChannelConformance, type DriveContext } from '@coinslot/testing/conformance';
import { afterAll } from 'vitest';
import { createExampleHostedChannel, type ExampleHostedMessage, type ExampleHostedStatus } from '../src/index.js';
import { installFakeBrowser } from '@coinslot/testing/browser-fakes';

// The same suite on the pay-server DOUBLE from @coinslot/testing (msw, no network, no driver, no provider): the
// double plays the provider's server per scenario, so the drive only does what the checkout page does in the
// browser — post its message and close. Fast, and the first thing to get green while the driver is unwritten.
const browser = installFakeBrowser('https://game.test/shop?level=3');
afterAll(() => browser.uninstall());

const PROVIDER = 'https://checkout.hosted-pay.test';

function pageSays(ctx: DriveContext, status: ExampleHostedStatus): void {
  const popup = browser.showing(String(ctx.launch.checkoutUrl));
  if (ctx.presentation !== 'popup' || popup === undefined) return;
  const message: ExampleHostedMessage = { source: 'coinslot-example-hosted', billId: ctx.bill.id, status };
  browser.post(popup, message, PROVIDER);
  popup.close();
}

runChannelConformance({
  name: 'example-hosted on the pay-server double',
  channel: () => createExampleHostedChannel(),
  environment: { platform: 'web', window: () => browser.window.open('about:blank') },
  server: {
    // What the driver's launch would answer; the double has no driver, so it is given here.
    double: { launch: (bill) => ({ checkoutUrl: `${PROVIDER}/pay/cs_${bill.id}`, sessionId: `cs_${bill.id}` }) },
  },
  drive: {
    approve: (ctx) => pageSays(ctx, 'approved'),
    decline: (ctx) => pageSays(ctx, 'declined'),
    cancel: (ctx) => pageSays(ctx, 'cancelled'),
  },
});
