import type { PayOutcome } from '@coinslot/core';
import { type CheckoutWindow, type PopupHost, popupCheckout } from '@coinslot/core/channel-kit';
import { isReturnMessage } from './return-message.js';
import { watchBill } from './watch-bill.js';

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
  window?: CheckoutWindow | null;
}

/**
 * Shows Alipay's cashier in a popup (the channel kit's `popupCheckout`) until the player is done:
 * - the return page (Alipay's `return_url`, on the pay server) posts `{ source: 'coinslot-alipay', billId }`, or the
 *   pay server says the bill settled → `launched`: core reads the outcome from the pay server's signed result;
 * - the player closed the popup → `cancelled`: core asks the pay server to cancel the bill, which it refuses when
 *   Alipay's notification came first (the payment wins).
 *
 * Only a message from that popup, from the pay server's origin, about this bill, is read — and only as a hint.
 */
export function payInPopup(checkout: PopupCheckout): Promise<PayOutcome> {
  const { billId, pageUrl, statusUrl, signal, host, window } = checkout;
  return popupCheckout({
    url: pageUrl,
    origin: new URL(statusUrl).origin,
    name: 'coinslot-alipay',
    features: 'popup,width=1000,height=720',
    signal,
    host,
    window,
    read: (data) => (isReturnMessage(data, billId) ? { kind: 'launched' } : undefined),
    watch: (watching) => watchBill(statusUrl, checkout.statusPollMs, watching).then(() => ({ kind: 'launched' })),
  });
}
