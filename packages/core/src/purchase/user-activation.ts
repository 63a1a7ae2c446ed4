import { CoinslotError } from '../errors/coinslot-error.js';

/**
 * Whether the page has the transient user activation a popup needs right now. Only a browser that can tell says
 * no (`navigator.userActivation`: Chrome 72, Safari 16.4, Firefox 131); elsewhere this is `true`, and a blocked
 * `window.open` (it returns `null`) is how core learns it.
 */
export function hasUserActivation(): boolean {
  const { navigator } = globalThis as { navigator?: { userActivation?: { isActive?: boolean } } };
  return navigator?.userActivation?.isActive !== false;
}

/**
 * The error of a checkout window the browser would not open: `USER_ACTIVATION_REQUIRED`, safe to show, retryable.
 * With `billId`, core kept that bill for `continuePurchase(billId)` from the player's next tap.
 */
export function activationRequired(billId?: string): CoinslotError {
  return new CoinslotError('USER_ACTIVATION_REQUIRED', 'Tap again to open the checkout.', {
    safeToShow: true,
    retryable: true,
    billId,
  });
}
