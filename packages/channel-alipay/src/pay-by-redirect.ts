import type { PayOutcome } from '@coinslot/core';

/**
 * Sends the whole page to Alipay's cashier. Alipay sends the buyer back to the driver's return page, which sends
 * them to the game's return URL (the driver's `returnUrl`) with `?alipayReturn=<billId>`.
 *
 * Resolves `launched` right after starting the navigation, so core journals the bill as waiting; after the player
 * comes back, `coinslot.ready()` resumes it from the journal (or the game calls `coinslot.resume(billId)` with
 * `readAlipayReturn(location.href)`).
 */
export function payByRedirect(pageUrl: string, signal: AbortSignal, location: Pick<Location, 'assign'>): PayOutcome {
  signal.throwIfAborted();
  location.assign(pageUrl);
  return { kind: 'launched' };
}
