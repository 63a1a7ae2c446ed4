/**
 * `@coinslot/channel-alipay/server`: the Alipay channel's server-side half for a pay server speaking Coinslot
 * protocol v1 (`@coinslot/server`). This entry holds the app's private key; the client entry never imports it.
 */
export { createAlipayDriver } from './create-alipay-driver.js';
export { ALIPAY_GATEWAY } from './alipay-driver-options.js';
export type { AlipayDriverOptions } from './alipay-driver-options.js';
export { channelEntry } from './channel-entry.js';
export { ALIPAY_ID } from '../channel-id.js';
export type { AlipayFlow, AlipayLaunch } from '../alipay-launch.js';
