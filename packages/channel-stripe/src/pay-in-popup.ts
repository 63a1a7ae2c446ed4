import type { PayOutcome } from '@coinslot/core';
import { type CheckoutWindow, type PopupHost, popupCheckout } from '@coinslot/core/channel-kit';
import { isStripeReturnMessage } from './stripe-return-message.js';

/** One popup checkout. */
export interface PopupCheckout {
  /** The bill being paid; messages about other bills are ignored. */
  billId: string;
  /** Stripe Checkout's page. */
  url: string;
  /** The origin of the pay server's return page: the only origin whose messages are read. */
  returnOrigin: string;
  /** Ends the checkout: the popup is closed, listeners removed, and the promise rejects with the signal's reason. */
  signal: AbortSignal;
  /** The game's window. */
  host: PopupHost;
  /** The window core opened inside the player's click (`ctx.window`); without it the adapter opens one. */
  window?: CheckoutWindow | null;
}

/**
 * Shows Stripe Checkout in a popup (the channel kit's `popupCheckout`) and waits until the player is done with it.
 * Stripe sends the popup to the pay server's return page, which posts a message to the game:
 * - `completed` → `launched`: Stripe's webhook tells the pay server, and core reads the outcome from the pay
 *   server's signed result (never from the message);
 * - `cancelled` (Checkout's back link), or the popup closed without a message → `cancelled`: core asks the pay
 *   server to cancel the bill, which it refuses when Stripe's payment arrived first (the payment then wins).
 *
 * Only a message from that very popup, from the return page's origin, about this bill, is read.
 */
export function payInPopup(checkout: PopupCheckout): Promise<PayOutcome> {
  const { billId, url, returnOrigin, signal, host, window } = checkout;
  return popupCheckout({
    url,
    origin: returnOrigin,
    name: 'coinslot-stripe',
    features: 'popup,width=520,height=760',
    signal,
    host,
    window,
    read: (data) => {
      if (!isStripeReturnMessage(data, billId)) return undefined;
      return data.status === 'cancelled' ? { kind: 'cancelled', reason: 'cancelled' } : { kind: 'launched' };
    },
  });
}
