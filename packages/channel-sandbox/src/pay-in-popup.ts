import type { PayOutcome } from '@coinslot/core';
import { type CheckoutWindow, type PopupHost, popupCheckout } from '@coinslot/core/channel-kit';
import type { SandboxMode } from './sandbox-options.js';
import { isSandboxMessage } from './sandbox-message.js';
import { sandboxOutcome } from './sandbox-outcome.js';

export type { PopupHost };

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
  window?: CheckoutWindow | null;
  /** @default globalThis (the game's window) */
  host?: PopupHost;
  /** How often to check whether the player closed the popup, in ms. @default 250 */
  pollMs?: number;
}

/**
 * Show the sandbox checkout in a popup (the channel kit's `popupCheckout`) and wait for its decision, posted by the
 * page to `window.opener`. Only a message from that very window, from the checkout's origin, about this bill, is
 * believed. A popup closed without a decision is a cancellation.
 */
export function payInPopup(checkout: PopupCheckout): Promise<PayOutcome> {
  const { billId, url, mode } = checkout;
  return popupCheckout({
    ...checkout,
    origin: new URL(url).origin,
    name: 'coinslot-sandbox',
    features: 'popup,width=480,height=640',
    read: (data) => (isSandboxMessage(data, billId) ? sandboxOutcome(data.decision, mode, data.proof) : undefined),
  });
}
