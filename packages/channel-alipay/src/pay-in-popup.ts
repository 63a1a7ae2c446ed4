import { CoinslotError, type PayOutcome } from '@coinslot/core';
import { isReturnMessage } from './return-message.js';
import { watchBill } from './watch-bill.js';

/** The parts of the game's window a popup checkout uses. */
export type PopupHost = Pick<Window, 'open' | 'addEventListener' | 'removeEventListener'>;

/** One page-pay checkout in a popup. */
export interface PopupCheckout {
  billId: string;
  /** The signed cashier URL (the launch payload's `pageUrl`). */
  pageUrl: string;
  /** The driver's status page: the return page posts from its origin, and the bill's state is polled there. */
  statusUrl: string;
  statusPollMs: number;
  /** Ends the checkout: popup closed, listeners and timers removed, rejected with the signal's reason. */
  signal: AbortSignal;
  host: PopupHost;
  /** The window core opened inside the player's click (`ctx.window`); without it one is opened here. */
  window?: Window | null;
}

/** How often the adapter looks whether the player closed the popup, in ms. */
const CLOSED_POLL_MS = 250;

const reasonOf = (signal: AbortSignal): unknown =>
  signal.reason ?? new DOMException('The checkout was aborted', 'AbortError');

/**
 * Shows Alipay's cashier in a popup until the player is done:
 * - the return page (Alipay's `return_url`, on the pay server) posts `{ source: 'coinslot-alipay', billId }`, or the
 *   pay server says the bill settled → `launched`: core reads the outcome from the pay server's signed result;
 * - the player closed the popup → `cancelled`: core asks the pay server to cancel the bill, which it refuses when
 *   Alipay's notification came first (the payment wins).
 *
 * Only a message from that popup, from the pay server's origin, about this bill, is read — and only as a hint.
 * The popup counts as closed once it stayed closed for two polls, so a message posted as it closed still wins.
 */
export function payInPopup(checkout: PopupCheckout): Promise<PayOutcome> {
  const { billId, pageUrl, statusUrl, signal, host } = checkout;
  const origin = new URL(statusUrl).origin;
  return new Promise<PayOutcome>((resolve, reject) => {
    if (signal.aborted) {
      checkout.window?.close();
      return reject(reasonOf(signal));
    }
    const popup =
      checkout.window && !checkout.window.closed
        ? (checkout.window.location.replace(pageUrl), checkout.window)
        : host.open(pageUrl, 'coinslot-alipay', 'popup,width=1000,height=720');
    if (popup === null) {
      return reject(
        new CoinslotError('CHANNEL_LAUNCH_FAILED', 'The browser blocked the Alipay window. Please try again.', {
          safeToShow: true,
          retryable: true,
        }),
      );
    }
    const watching = new AbortController();
    let closedPolls = 0;
    const finish = (settle: () => PayOutcome): void => {
      clearInterval(poll);
      watching.abort();
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
      if (event.source !== popup || event.origin !== origin || !isReturnMessage(event.data, billId)) return;
      finish(() => ({ kind: 'launched' }));
    };
    const onAbort = (): void =>
      finish(() => {
        throw reasonOf(signal);
      });
    const poll = setInterval(() => {
      closedPolls = popup.closed ? closedPolls + 1 : 0;
      if (closedPolls >= 2) finish(() => ({ kind: 'cancelled', reason: 'closed' }));
    }, CLOSED_POLL_MS);
    host.addEventListener('message', onMessage);
    signal.addEventListener('abort', onAbort, { once: true });
    void watchBill(statusUrl, checkout.statusPollMs, watching.signal).then(() => finish(() => ({ kind: 'launched' })));
  });
}
