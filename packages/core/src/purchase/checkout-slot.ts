import { CoinslotError } from '../errors/coinslot-error.js';

/** The one checkout of an instance whose window is open (or about to open). */
export interface OpenCheckout {
  channel: string;
  /** Set once the pay server created its bill. */
  billId?: string;
}

/** Where an instance keeps its open checkout. */
export interface CheckoutSlot {
  checkout?: OpenCheckout | undefined;
}

/**
 * Take the instance's checkout slot for a purchase that shows a window, or throw `PURCHASE_IN_PROGRESS` naming the
 * open one: a second checkout would take over the first one's window (both are `coinslot-<channel id>`) and leave
 * the player with two. Purchases that show no window (redirect, QR, headless) never take it.
 */
export function claimCheckout(slot: CheckoutSlot, channel: string): OpenCheckout {
  const open = slot.checkout;
  if (open)
    throw new CoinslotError('PURCHASE_IN_PROGRESS', `A checkout is already open: bill ${open.billId ?? '(new)'}.`, {
      billId: open.billId,
    });
  return (slot.checkout = { channel });
}

/** Give the slot back, once that checkout's window is done with (its channel's part ended, or it never opened). */
export function releaseCheckout(slot: CheckoutSlot, checkout: OpenCheckout | undefined): void {
  if (slot.checkout === checkout) slot.checkout = undefined;
}
