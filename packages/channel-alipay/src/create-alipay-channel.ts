import { CoinslotError, defineChannel, type PaymentInterface, type PayOutcome, type Platform } from '@coinslot/core';
import { gameWindow, trackCheckouts } from '@coinslot/core/channel-kit';
import { readAlipayLaunch } from './alipay-launch.js';
import { type AlipayOptions, resolveAlipayOptions } from './alipay-options.js';
import { ALIPAY_ID } from './channel-id.js';
import { payByRedirect } from './pay-by-redirect.js';
import { payInPopup } from './pay-in-popup.js';
import { payWithQr } from './pay-with-qr.js';
import { loadQrView, type QrView } from './qr-view.js';

const PLATFORMS: readonly Platform[] = ['web', 'electron-renderer'];

/** Options of {@link createAlipayChannel} (how the adapter is built, not the game's per-instance options). */
export interface AlipayChannelSetup {
  /** Draws the precreate QR code. @default `showQrCheckout` from `@coinslot/qr`, loaded on first use */
  qrView?: QrView;
}

/**
 * Creates the Alipay adapter: a **server-result** channel. The driver opens the trade; this adapter shows Alipay's
 * cashier (page pay: popup or redirect) or draws the QR code (precreate) and tells core when the player is done.
 * It holds no key and decides nothing about money: Alipay's signed notification to the pay server does.
 */
export function createAlipayChannel(setup: AlipayChannelSetup = {}): PaymentInterface<AlipayOptions> {
  const checkouts = trackCheckouts();
  return defineChannel<AlipayOptions>({
    // The contract this adapter was written against: a literal, never core's SPEC_VERSION.
    specVersion: 1,
    id: ALIPAY_ID,
    resultSource: 'server',
    capabilities: { platforms: PLATFORMS, presentations: ['popup', 'redirect', 'embedded'], needsUserGesture: true },

    isAvailable: (ctx) => PLATFORMS.includes(ctx.platform) && gameWindow() !== undefined,

    init(_ctx, given) {
      resolveAlipayOptions(given);
    },

    async pay(ctx): Promise<PayOutcome> {
      const host = gameWindow();
      if (host === undefined)
        throw new CoinslotError('CHANNEL_LAUNCH_FAILED', 'The Alipay checkout needs a browser window');
      const launch = readAlipayLaunch(ctx.launch);
      const options = resolveAlipayOptions(ctx.options);
      return checkouts.run(ctx.signal, async (signal) => {
        if (launch.flow === 'precreate') {
          ctx.window?.close();
          return await payWithQr({
            qrCode: launch.qrCode,
            amount: ctx.bill.amount,
            currency: ctx.bill.currency,
            expiresAt: ctx.bill.expiresAt,
            title: options.qrTitle,
            statusUrl: launch.statusUrl,
            statusPollMs: options.statusPollMs,
            signal,
            view: setup.qrView ?? (await loadQrView()),
          });
        }
        if (ctx.presentation === 'embedded') {
          ctx.window?.close();
          throw new CoinslotError(
            'CHANNEL_LAUNCH_FAILED',
            'The pay server sells Alipay by page pay, which shows in a popup or by redirect; an embedded QR code needs its driver\'s flow "precreate"',
          );
        }
        if (ctx.presentation === 'redirect') {
          ctx.window?.close();
          return payByRedirect(launch.pageUrl, signal, host.location);
        }
        return await payInPopup({
          billId: ctx.bill.id,
          pageUrl: launch.pageUrl,
          statusUrl: launch.statusUrl,
          statusPollMs: options.statusPollMs,
          signal,
          host,
          window: ctx.window ?? null,
        });
      });
    },

    dispose() {
      checkouts.abortAll(new CoinslotError('DISPOSED', 'The Alipay channel was disposed'));
    },
  });
}
