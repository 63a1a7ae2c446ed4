/**
 * `@coinslot/channel-alipay`: the client half of the Alipay channel for Coinslot — Alipay's cashier (page pay) in a
 * popup or by redirect, or the precreate QR code drawn in the page. Browser-safe: no key, and never the driver
 * (`@coinslot/channel-alipay/server`).
 */
import { createAlipayChannel } from './create-alipay-channel.js';

/** The adapter, one shared instance, for `() => import('@coinslot/channel-alipay')`. */
export const alipayChannel = /* @__PURE__ */ createAlipayChannel();
export default alipayChannel;

export { createAlipayChannel } from './create-alipay-channel.js';
export type { AlipayChannelSetup } from './create-alipay-channel.js';
export { ALIPAY_ID } from './channel-id.js';
export type { AlipayOptions, AlipayPresentation } from './alipay-options.js';
export type { AlipayFlow, AlipayLaunch } from './alipay-launch.js';
export type { QrView, QrViewInput } from './qr-view.js';
export { readAlipayReturn } from './return-message.js';
export type { AlipayReturnMessage } from './return-message.js';
