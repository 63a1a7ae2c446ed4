import type { ChannelLoaders } from '@coinslot/core';
import type { ShopChannelId } from './shop-channels.js';

/**
 * How the page loads each channel's adapter: written out, so esbuild makes each one a chunk of its own that the
 * browser fetches only when the shop's server offers that channel. The QR channels run only against their emulators
 * here, so their adapters carry the emulator's "scan and pay" control (src/emulated/).
 */
const LOADERS: Readonly<Record<ShopChannelId, ChannelLoaders[string]>> = {
  sandbox: () => import('@coinslot/channel-sandbox'),
  stripe: () => import('@coinslot/channel-stripe'),
  alipay: () => import('./emulated/alipay-with-scan.js'),
  wechatpay: () => import('./emulated/wechatpay-with-scan.js'),
};

/**
 * Each channel's options (public: no key reaches the page). Popups for the sandbox and Stripe Checkout; the QR
 * channels show their code in the page (`embedded`, so core opens no popup) and ask the pay server every second
 * whether it was paid.
 */
const OPTIONS: Readonly<Record<ShopChannelId, unknown>> = {
  sandbox: { presentation: 'popup' },
  stripe: { presentation: 'popup' },
  alipay: { presentation: 'embedded', statusPollMs: 1000 },
  wechatpay: { statusPollMs: 1000 },
};

/** core's `channels` and `channelOptions` for the channels the shop's server runs, and only those. */
export function shopAdapters(channels: readonly ShopChannelId[]): {
  channels: ChannelLoaders;
  channelOptions: Record<string, unknown>;
} {
  return {
    channels: Object.fromEntries(channels.map((id) => [id, LOADERS[id]])),
    channelOptions: Object.fromEntries(channels.map((id) => [id, OPTIONS[id]])),
  };
}
