/**
 * `@coinslot/core/channel-kit`: helpers for channel authors, so each adapter need not write them again. Not part of
 * a game's import of `@coinslot/core`: an adapter's chunk carries what it uses.
 */
export { anySignal } from './any-signal.js';
export { gameWindow } from './game-window.js';
export type { GameLocation, GameWindow } from './game-window.js';
export { trackCheckouts } from './tracked-checkouts.js';
export type { TrackedCheckouts } from './tracked-checkouts.js';
export { popupCheckout } from './popup-checkout.js';
export type { CheckoutMessageEvent, PopupCheckout, PopupHost } from './popup-checkout.js';
export type { CheckoutWindow } from '../contract/checkout-window.js';
