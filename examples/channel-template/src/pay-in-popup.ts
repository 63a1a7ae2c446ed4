import type { PayOutcome } from '@coinslot/core';
import { type CheckoutWindow, type PopupHost, popupCheckout } from '@coinslot/core/channel-kit';
import { isCheckoutMessage } from './checkout-message.js';

/** One popup checkout. */
export interface PopupCheckout {
  /** The bill being paid; messages about other bills are ignored. */
  billId: string;
  /** The checkout page to show. */
  url: string;
  /** Ends the checkout: the popup is closed, listeners removed, and the promise rejects with the signal's reason. */
  signal: AbortSignal;
  /** The game's window. */
  host: PopupHost;
  /** The window core opened inside the player's click (`ctx.window`); without it the adapter opens one. */
  window?: CheckoutWindow | null;
}

/**
 * Show the hosted checkout in a popup and wait until the player is done with it. The popup itself — open or reuse
 * core's window, read only that window's messages from the page's origin, watch it close, clean up, and report a
 * blocked window as `USER_ACTIVATION_REQUIRED` — is the channel kit's `popupCheckout`; a channel only says what a
 * message means:
 * - `approved` / `declined` from the page → `launched`: the provider's server notifies the pay server, and core
 *   reads the outcome from the pay server's signed result (never from the message);
 * - `cancelled` from the page, or the popup closed without a message → `cancelled`: core asks the pay server to
 *   cancel the bill, which it refuses when the provider's notification arrived first (the payment then wins).
 */
export function payInPopup(checkout: PopupCheckout): Promise<PayOutcome> {
  const { billId, url, signal, host, window } = checkout;
  return popupCheckout({
    url,
    origin: new URL(url).origin,
    name: 'coinslot-example-hosted',
    signal,
    host,
    window,
    read: (data) => {
      if (!isCheckoutMessage(data, billId)) return undefined;
      return data.status === 'cancelled' ? { kind: 'cancelled', reason: 'cancelled' } : { kind: 'launched' };
    },
  });
}
