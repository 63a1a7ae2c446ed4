import { CoinslotError, defineChannel, type Platform, type PaymentInterface, type PayOutcome } from '@coinslot/core';
import { gameWindow, trackCheckouts } from '@coinslot/core/channel-kit';
import { EXAMPLE_HOSTED_ID } from './channel-id.js';
import {
  resolveExampleHostedOptions,
  type ExampleHostedOptions,
  type ResolvedExampleHostedOptions,
} from './example-hosted-options.js';
import { checkoutPageUrl, readHostedLaunch } from './hosted-launch.js';
import { payByRedirect } from './pay-by-redirect.js';
import { payInPopup } from './pay-in-popup.js';

const PLATFORMS: readonly Platform[] = ['web', 'electron-renderer'];

/**
 * Create the example-hosted adapter: a **server-result** channel whose provider hosts the checkout page and
 * notifies the pay server itself. The adapter only shows the page (popup or redirect) and tells core when the
 * player is done; it holds no key and decides nothing about money.
 *
 * Each call makes an independent adapter (its own options and open checkouts); the package's default export is
 * one shared instance, which is what one Coinslot instance per page needs.
 */
export function createExampleHostedChannel(): PaymentInterface<ExampleHostedOptions> {
  const checkouts = trackCheckouts();
  let options: ResolvedExampleHostedOptions = resolveExampleHostedOptions(undefined);
  return defineChannel<ExampleHostedOptions>({
    // The contract this adapter was written against — a literal, never core's SPEC_VERSION constant: a core that
    // implements another version must see that this adapter was not written for it.
    specVersion: 1,
    id: EXAMPLE_HOSTED_ID,
    resultSource: 'server',
    capabilities: { platforms: PLATFORMS, presentations: ['popup', 'redirect'], needsUserGesture: true },

    isAvailable: (ctx) => PLATFORMS.includes(ctx.platform) && gameWindow() !== undefined,

    init(_ctx, given) {
      options = resolveExampleHostedOptions(given);
    },

    async pay(ctx): Promise<PayOutcome> {
      const host = gameWindow();
      if (host === undefined)
        throw new CoinslotError('CHANNEL_LAUNCH_FAILED', 'The example-hosted checkout needs a browser window');
      const launch = readHostedLaunch(ctx.launch);
      return checkouts.run(ctx.signal, async (signal) => {
        if (ctx.presentation === 'redirect') {
          ctx.window?.close();
          const url = checkoutPageUrl(launch, options, options.returnUrl ?? host.location.href);
          return payByRedirect(url, signal, host.location);
        }
        const url = checkoutPageUrl(launch, options);
        return await payInPopup({ billId: ctx.bill.id, url, signal, host, window: ctx.window ?? null });
      });
    },

    dispose() {
      checkouts.abortAll(new CoinslotError('DISPOSED', 'The example-hosted channel was disposed'));
    },
  });
}
