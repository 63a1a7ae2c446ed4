import { CoinslotError, type PayOutcome } from '@coinslot/core';
import type { SandboxMode } from './sandbox-options.js';
import { isSandboxMessage } from './sandbox-message.js';
import { abortError, sandboxOutcome } from './sandbox-outcome.js';

/** The parts of the game's own window a popup checkout uses (a parameter so tests can stand in for a browser). */
export type PopupHost = Pick<Window, 'open' | 'addEventListener' | 'removeEventListener'>;

/** One popup checkout. */
export interface PopupCheckout {
  /** The bill being paid; messages about other bills are ignored. */
  billId: string;
  /** The checkout page's URL. */
  url: string;
  /** The adapter's result source. */
  mode: SandboxMode;
  /** Stops the checkout: closes the popup and rejects with the signal's reason. */
  signal: AbortSignal;
  /** The window core opened inside the click; when absent the adapter opens one itself. */
  window?: Window | null;
  /** @default globalThis (the game's window) */
  host?: PopupHost;
  /** How often to check whether the player closed the popup, in ms. @default 250 */
  pollMs?: number;
}

/**
 * Show the sandbox checkout in a popup and wait for its decision, posted by the page to `window.opener`.
 * Only a message from that very window, from the checkout's origin, about this bill, is believed.
 * A popup closed without a decision is a cancellation; it counts as closed once it has stayed closed for
 * two polls, so a decision posted just before the page closed itself still wins.
 */
export function payInPopup(checkout: PopupCheckout): Promise<PayOutcome> {
  const { billId, url, mode, signal, pollMs = 250 } = checkout;
  const host = checkout.host ?? (globalThis as unknown as PopupHost);
  const origin = new URL(url).origin;

  return new Promise<PayOutcome>((resolve, reject) => {
    if (signal.aborted) {
      checkout.window?.close();
      reject(abortError(signal));
      return;
    }
    const popup = openPopup(checkout.window, url, host);
    if (popup === null) {
      reject(
        new CoinslotError('CHANNEL_LAUNCH_FAILED', 'The browser blocked the checkout window. Please try again.', {
          safeToShow: true,
          retryable: true,
        }),
      );
      return;
    }

    let closedPolls = 0;
    const finish = (settle: () => PayOutcome): void => {
      clearInterval(poll);
      host.removeEventListener('message', onMessage);
      signal.removeEventListener('abort', onAbort);
      try {
        resolve(settle());
      } catch (error) {
        reject(error);
      }
    };
    const onMessage = (event: MessageEvent): void => {
      if (event.source !== popup || event.origin !== origin || !isSandboxMessage(event.data, billId)) return;
      const { decision, proof } = event.data;
      finish(() => sandboxOutcome(decision, mode, proof));
    };
    const onAbort = (): void => {
      if (!popup.closed) popup.close();
      finish(() => {
        throw abortError(signal);
      });
    };
    const poll = setInterval(() => {
      closedPolls = popup.closed ? closedPolls + 1 : 0;
      if (closedPolls >= 2) finish(() => ({ kind: 'cancelled', reason: 'closed' }));
    }, pollMs);

    host.addEventListener('message', onMessage);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

function openPopup(preOpened: Window | null | undefined, url: string, host: PopupHost): Window | null {
  if (preOpened && !preOpened.closed) {
    preOpened.location.replace(url);
    return preOpened;
  }
  return host.open(url, 'coinslot-sandbox', 'popup,width=480,height=640');
}
