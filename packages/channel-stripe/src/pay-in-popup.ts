import { CoinslotError, type PayOutcome } from '@coinslot/core';
import { isStripeReturnMessage } from './stripe-return-message.js';

/** The parts of the game's window a popup checkout uses. */
export type PopupHost = Pick<Window, 'open' | 'addEventListener' | 'removeEventListener'>;

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
  window?: Window | null;
}

/** How often the adapter looks whether the player closed the popup, in ms. */
const POLL_MS = 250;

const reasonOf = (signal: AbortSignal): unknown =>
  signal.reason ?? new DOMException('The checkout was aborted', 'AbortError');

/**
 * Shows Stripe Checkout in a popup and waits until the player is done with it. Stripe sends the popup to the pay
 * server's return page, which posts a message to the game:
 * - `completed` → `launched`: Stripe's webhook tells the pay server, and core reads the outcome from the pay
 *   server's signed result (never from the message);
 * - `cancelled` (Checkout's back link), or the popup closed without a message → `cancelled`: core asks the pay
 *   server to cancel the bill, which it refuses when Stripe's payment arrived first (the payment then wins).
 *
 * Only a message from that very popup, from the return page's origin, about this bill, is read. The popup counts as
 * closed once it stayed closed for two polls, so a message posted just before the page closed itself still wins.
 */
export function payInPopup(checkout: PopupCheckout): Promise<PayOutcome> {
  const { billId, url, returnOrigin, signal, host } = checkout;
  return new Promise<PayOutcome>((resolve, reject) => {
    if (signal.aborted) {
      checkout.window?.close();
      return reject(reasonOf(signal));
    }
    const popup = showCheckout(checkout.window, url, host);
    if (popup === null) {
      return reject(
        new CoinslotError('CHANNEL_LAUNCH_FAILED', 'The browser blocked the checkout window. Please try again.', {
          safeToShow: true,
          retryable: true,
        }),
      );
    }
    let closedPolls = 0;
    const finish = (settle: () => PayOutcome): void => {
      clearInterval(poll);
      host.removeEventListener('message', onMessage);
      signal.removeEventListener('abort', onAbort);
      if (!popup.closed) popup.close();
      try {
        resolve(settle());
      } catch (error) {
        reject(error);
      }
    };
    const onMessage = (event: MessageEvent): void => {
      if (event.source !== popup || event.origin !== returnOrigin || !isStripeReturnMessage(event.data, billId)) return;
      const { status } = event.data;
      finish(() => (status === 'cancelled' ? { kind: 'cancelled', reason: 'cancelled' } : { kind: 'launched' }));
    };
    const onAbort = (): void =>
      finish(() => {
        throw reasonOf(signal);
      });
    const poll = setInterval(() => {
      closedPolls = popup.closed ? closedPolls + 1 : 0;
      if (closedPolls >= 2) finish(() => ({ kind: 'cancelled', reason: 'closed' }));
    }, POLL_MS);
    host.addEventListener('message', onMessage);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Navigates the pre-opened window to Checkout, or opens one (which the browser may block: `null`). */
function showCheckout(preOpened: Window | null | undefined, url: string, host: PopupHost): Window | null {
  if (preOpened && !preOpened.closed) {
    preOpened.location.replace(url);
    return preOpened;
  }
  return host.open(url, 'coinslot-stripe', 'popup,width=520,height=760');
}
