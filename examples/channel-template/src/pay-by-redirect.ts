import type { PayOutcome } from '@coinslot/core';

/**
 * Send the whole page to the hosted checkout; the provider sends the player back to the return URL afterwards.
 *
 * Resolves `launched` right after starting the navigation, so core journals the bill as waiting and holds the
 * wait on the pay server until the page unloads. After the player comes back, `coinslot.ready()` resumes the bill
 * from the journal (or the game calls `coinslot.resume(billId)`, see `readExampleHostedReturn`). If the
 * navigation never happens (a "leave this page?" prompt the player refused), the wait still learns the result.
 */
export function payByRedirect(url: string, signal: AbortSignal, location: Pick<Location, 'assign'>): PayOutcome {
  if (signal.aborted) throw signal.reason ?? new DOMException('The checkout was aborted', 'AbortError');
  location.assign(url);
  return { kind: 'launched' };
}
