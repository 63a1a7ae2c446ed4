/**
 * @coinslot/ui: Coinslot's drop-in checkout UI — the channel picker, the waiting and QR views, player-facing results
 * and errors, the recovery notice and the delivered confirmation. Framework-free: a plain page, React, Phaser, an
 * Electron renderer.
 */
export { mountCheckout } from './mount-checkout.js';
export type { CheckoutRequest, CheckoutUi, CheckoutUiOptions } from './checkout-options.js';
export { BUILT_IN_CHANNELS } from './channel-display.js';
export type { ChannelDisplay } from './channel-display.js';
export type { BuiltInLocale, CheckoutMessages } from './messages.js';
export { EN as MESSAGES_EN } from './messages-en.js';
export { ZH_CN as MESSAGES_ZH_CN } from './messages-zh-cn.js';
export { CHECKOUT_UI_CSS } from './ui-styles.js';
