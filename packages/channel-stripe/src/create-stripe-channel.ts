import { CoinslotError, defineChannel, type PaymentInterface, type PayOutcome, type Platform } from '@coinslot/core';
import { gameWindow, trackCheckouts } from '@coinslot/core/channel-kit';
import { STRIPE_CHANNEL_ID } from './channel-id.js';
import { payByRedirect } from './pay-by-redirect.js';
import { payInPopup } from './pay-in-popup.js';
import { readStripeLaunch } from './stripe-launch.js';
import { checkStripeOptions, type StripeOptions } from './stripe-options.js';

const PLATFORMS: readonly Platform[] = ['web', 'electron-renderer'];

/**
 * Creates the Stripe adapter: a **server-result** channel. The pay server's driver creates the bill's Stripe
 * Checkout Session; the adapter shows it (popup or redirect) and tells core when the player is done. Stripe's signed
 * webhook tells the pay server the outcome. The adapter holds no key, loads no Stripe script (hosted Checkout needs
 * none) and decides nothing about money.
 *
 * Each call makes an independent adapter; the package's default export is one shared instance.
 */
export function createStripeChannel(): PaymentInterface<StripeOptions> {
  const checkouts = trackCheckouts();
  return defineChannel<StripeOptions>({
    // The adapter contract this was written against: a literal, never core's SPEC_VERSION.
    specVersion: 1,
    id: STRIPE_CHANNEL_ID,
    resultSource: 'server',
    capabilities: { platforms: PLATFORMS, presentations: ['popup', 'redirect'], needsUserGesture: true },

    isAvailable: (ctx) => PLATFORMS.includes(ctx.platform) && gameWindow() !== undefined,

    init(_ctx, given) {
      checkStripeOptions(given);
    },

    async pay(ctx): Promise<PayOutcome> {
      const host = gameWindow();
      if (host === undefined)
        throw new CoinslotError('CHANNEL_LAUNCH_FAILED', 'Stripe Checkout needs a browser window');
      const launch = readStripeLaunch(ctx.launch);
      return checkouts.run(ctx.signal, async (signal) => {
        if (ctx.presentation === 'redirect') {
          ctx.window?.close();
          return payByRedirect(launch.checkoutUrl, signal, host.location);
        }
        return await payInPopup({
          billId: ctx.bill.id,
          url: launch.checkoutUrl,
          returnOrigin: launch.returnOrigin,
          signal,
          host,
          window: ctx.window ?? null,
        });
      });
    },

    dispose() {
      checkouts.abortAll(new CoinslotError('DISPOSED', 'The Stripe channel was disposed'));
    },
  });
}
