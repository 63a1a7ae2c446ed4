/**
 * `@coinslot/channel-wechatpay`: the client half of the WeChat Pay channel (API v3, Native pay). The driver on the
 * pay server places the order; this adapter shows its QR code (with `@coinslot/qr`: amount and countdown) until the
 * player has paid with WeChat on their phone, or closes it.
 *
 * Browser-safe: this entry holds no key and never imports the driver (`@coinslot/channel-wechatpay/server`).
 */
import { createWechatPayChannel } from './create-wechatpay-channel.js';

/** The adapter, one shared instance, for `() => import('@coinslot/channel-wechatpay')`. */
export const wechatpayChannel = /* @__PURE__ */ createWechatPayChannel();
export default wechatpayChannel;

export { createWechatPayChannel } from './create-wechatpay-channel.js';
export type { WechatPayChannelSettings } from './create-wechatpay-channel.js';
export { WECHATPAY_ID } from './channel-id.js';
export type { WechatPayOptions } from './wechatpay-options.js';
export type { WechatPayLaunch } from './wechatpay-launch.js';
export type { ShowQr, QrView, QrViewOutcome } from './qr-view.js';
