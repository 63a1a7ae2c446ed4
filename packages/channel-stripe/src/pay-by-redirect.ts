import type { PayOutcome } from '@coinslot/core';

/**
 * Sends the whole page to Stripe Checkout; Stripe sends the player to the pay server's return page afterwards, which
 * goes on to the game's return URL (the driver's `returnUrl`) with `?stripeResult=…`.
 *
 * Resolves `launched` right after starting the navigation, so core journals the bill as waiting and holds the wait
 * on the pay server until the page unloads. After the player comes back, `coinslot.ready()` resumes the bill from
 * the journal (or the game calls `coinslot.resume(billId)`, see `readStripeReturn`).
 */
export function payByRedirect(url: string, signal: AbortSignal, location: Pick<Location, 'assign'>): PayOutcome {
  if (signal.aborted) throw signal.reason ?? new DOMException('The checkout was aborted', 'AbortError');
  location.assign(url);
  return { kind: 'launched' };
}
