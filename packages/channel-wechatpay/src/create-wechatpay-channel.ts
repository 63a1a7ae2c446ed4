import { CoinslotError, defineChannel, type Platform, type PaymentInterface, type PayOutcome } from '@coinslot/core';
import { trackCheckouts } from '@coinslot/core/channel-kit';
import { WECHATPAY_ID } from './channel-id.js';
import { payWithQr } from './pay-with-qr.js';
import { showQrCheckout, type ShowQr } from './qr-view.js';
import { readWechatPayLaunch } from './wechatpay-launch.js';
import { resolveWechatPayOptions, type ResolvedWechatPayOptions, type WechatPayOptions } from './wechatpay-options.js';

/** What `createWechatPayChannel` can be given. */
export interface WechatPayChannelSettings {
  /**
   * Shows the QR code instead of `@coinslot/qr`'s view — a native window, a terminal, a test's stand-in. With it the
   * adapter runs on every platform (Node and the Electron main process too); without it, where there is a `document`.
   * @default showQrCheckout from `@coinslot/qr`
   */
  showQr?: ShowQr;
}

const PAGE_PLATFORMS: readonly Platform[] = ['web', 'electron-renderer'];
const ALL_PLATFORMS: readonly Platform[] = ['web', 'electron-renderer', 'electron-main', 'node'];

const hasDocument = () => typeof (globalThis as { document?: unknown }).document === 'object';

/**
 * Create the WeChat Pay adapter: a **server-result** channel for WeChat Pay Native. The driver places the order; the
 * adapter shows its QR code with the amount and a countdown; the player scans it with WeChat and pays on the phone;
 * WeChat Pay notifies the pay server. The adapter holds no key and decides nothing about money.
 *
 * Each call makes an independent adapter; the package's default export is one shared instance.
 */
export function createWechatPayChannel(settings: WechatPayChannelSettings = {}): PaymentInterface<WechatPayOptions> {
  const custom = settings.showQr;
  if (custom !== undefined && typeof custom !== 'function')
    throw new CoinslotError('INVALID_OPTIONS', 'createWechatPayChannel: showQr must be a function');
  const show = custom ?? showQrCheckout;
  const platforms = custom ? ALL_PLATFORMS : PAGE_PLATFORMS;
  const checkouts = trackCheckouts();
  let initOptions: ResolvedWechatPayOptions = resolveWechatPayOptions(undefined);

  return defineChannel<WechatPayOptions>({
    specVersion: 1,
    id: WECHATPAY_ID,
    resultSource: 'server',
    capabilities: { platforms, presentations: ['embedded'], needsUserGesture: false },

    isAvailable: (ctx) => platforms.includes(ctx.platform) && (custom !== undefined || hasDocument()),

    init(_ctx, given) {
      initOptions = resolveWechatPayOptions(given);
    },

    async pay(ctx): Promise<PayOutcome> {
      // The paying instance's own options (one adapter may serve several Coinslot instances).
      const options = 'options' in ctx ? resolveWechatPayOptions(ctx.options) : initOptions;
      ctx.window?.close();
      const launch = readWechatPayLaunch(ctx.launch);
      return checkouts.run(ctx.signal, (signal) =>
        payWithQr({ bill: ctx.bill, launch, show, title: options.title, pollMs: options.statusPollMs, signal }),
      );
    },

    dispose() {
      checkouts.abortAll(new CoinslotError('DISPOSED', 'The wechatpay channel was disposed'));
    },
  });
}
