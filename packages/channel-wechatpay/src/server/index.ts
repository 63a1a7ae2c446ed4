/**
 * `@coinslot/channel-wechatpay/server`: the server-side half of the WeChat Pay channel, for a pay server speaking
 * Coinslot protocol v1 (`@coinslot/server`). This entry holds the channel's keys; the client entry never imports it,
 * and it never belongs in a game's bundle. Node only (`node:crypto`).
 */
export { createWechatPayDriver } from './create-wechatpay-driver.js';
export type { WechatPayDriverOptions } from './wechatpay-driver-options.js';
export { channelEntry } from './wechatpay-channel-entry.js';
export { WechatPayApiError } from './wechatpay-api.js';
export { SIGNATURE_HEADERS } from './wechatpay-signature.js';
export { WECHATPAY_ID } from '../channel-id.js';
