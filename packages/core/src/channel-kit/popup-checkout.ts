import type { CheckoutWindow } from '../contract/checkout-window.js';
import type { PayOutcome } from '../contract/payment-interface.js';
import { activationRequired } from '../purchase/user-activation.js';

/** A message event as a popup checkout reads it (a DOM `MessageEvent` is one). */
export interface CheckoutMessageEvent {
  readonly source: unknown;
  readonly origin: string;
  readonly data: unknown;
}

/** The parts of the game's window a popup checkout uses (a DOM `Window` is one; tests may pass a stand-in). */
export interface PopupHost {
  open(url: string, target: string, features: string): CheckoutWindow | null;
  addEventListener(type: 'message', listener: (event: CheckoutMessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: CheckoutMessageEvent) => void): void;
}

/** One checkout page shown in a popup, for {@link popupCheckout}. */
export interface PopupCheckout {
  /** The checkout page to show. */
  url: string;
  /** The only origin whose messages are read (the page's own, or the pay server's return page). */
  origin: string;
  /**
   * What a message from the popup means: an outcome ends the checkout; `undefined` ignores the message (another
   * bill's, another sender's). It may throw: the checkout then rejects with that error. Only messages from that very
   * popup, from `origin`, reach it. Treat the message as a hint: the outcome comes from the pay server.
   */
  read(data: unknown): PayOutcome | undefined;
  /** Ends the checkout: the popup closes, every listener and timer goes, and the promise rejects with the reason. */
  signal: AbortSignal;
  /** The window core opened inside the player's click (`ctx.window`); without one the checkout opens its own. */
  window?: CheckoutWindow | null | undefined;
  /**
   * The name of a window the checkout opens itself: `coinslot-<channel id>`, the name core gives the window it opens
   * (an Electron main process may allow windows by it). Core never starts a second checkout of one instance while
   * one is open (`PURCHASE_IN_PROGRESS`), so the name is never taken over.
   */
  name: string;
  /** Features for a window the checkout opens itself. @default 'popup,width=480,height=720' */
  features?: string;
  /**
   * Another way the checkout may end while the popup is open (e.g. polling the pay server for the bill's state):
   * resolving with an outcome ends it, like a message. Its signal aborts when the checkout ends.
   */
  watch?: (signal: AbortSignal) => Promise<PayOutcome | undefined>;
  /** @default globalThis (the game's window) */
  host?: PopupHost;
  /** How often to look whether the player closed the popup, in ms. @default 250 */
  pollMs?: number;
}

const reasonOf = (signal: AbortSignal): unknown =>
  signal.reason ?? new DOMException('The checkout was aborted', 'AbortError');

/**
 * Show a checkout page in a popup and wait until the player is done with it — the popup flow every hosted-page
 * channel needs, in one place:
 * - the page (in core's pre-opened window, navigated; else in a window opened here) posts a message that `read`
 *   turns into the outcome;
 * - the player closes the popup without one → `{ kind: 'cancelled', reason: 'closed' }` (it counts as closed once it
 *   stayed closed for two polls, so a message posted as the page closed itself still wins);
 * - `signal` aborts → the popup closes and the promise rejects with the signal's reason.
 *
 * Whatever ends it, the popup is closed and no listener or timer is left.
 * @throws CoinslotError `USER_ACTIVATION_REQUIRED` when the browser blocked the window (no user activation): core
 *   keeps the bill and the game continues it from the player's next tap (`coinslot.continuePurchase(billId)`).
 */
export function popupCheckout(checkout: PopupCheckout): Promise<PayOutcome> {
  const { url, origin, read, signal, watch, pollMs = 250 } = checkout;
  const host = checkout.host ?? (globalThis as unknown as PopupHost);
  return new Promise<PayOutcome>((resolve, reject) => {
    if (signal.aborted) {
      checkout.window?.close();
      return reject(reasonOf(signal));
    }
    const preOpened = checkout.window;
    const popup =
      preOpened && !preOpened.closed
        ? (preOpened.location.replace(url), preOpened)
        : host.open(url, checkout.name, checkout.features ?? 'popup,width=480,height=720');
    if (!popup) return reject(activationRequired());
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
    const onMessage = (event: CheckoutMessageEvent): void => {
      if (event.source !== popup || event.origin !== origin) return;
      try {
        const outcome = read(event.data);
        if (outcome) finish(() => outcome);
      } catch (error) {
        finish(() => {
          throw error;
        });
      }
    };
    const onAbort = (): void =>
      finish(() => {
        throw reasonOf(signal);
      });
    const poll = setInterval(() => {
      closedPolls = popup.closed ? closedPolls + 1 : 0;
      if (closedPolls >= 2) finish(() => ({ kind: 'cancelled', reason: 'closed' }));
    }, pollMs);
    host.addEventListener('message', onMessage);
    signal.addEventListener('abort', onAbort, { once: true });
    watch?.(watching.signal).then(
      (outcome) => outcome && !watching.signal.aborted && finish(() => outcome),
      () => undefined,
    );
  });
}
