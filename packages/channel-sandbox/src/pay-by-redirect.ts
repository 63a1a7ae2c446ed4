import type { PayOutcome } from '@coinslot/core';
import { abortError } from './sandbox-outcome.js';

/**
 * Send the whole page to the sandbox checkout; the page comes back to `returnUrl` after the decision.
 *
 * The returned promise never settles on its own, because the page unloads: the purchase continues after the
 * reload, when the game calls `coinslot.ready()` (core resumes the journaled bill) or `coinslot.resume(billId)`.
 * It rejects only when `signal` is aborted before the page has gone.
 */
export function payByRedirect(
  url: string,
  signal: AbortSignal,
  location: Pick<Location, 'assign'> = globalThis.location,
): Promise<PayOutcome> {
  return new Promise<PayOutcome>((_resolve, reject) => {
    if (signal.aborted) {
      reject(abortError(signal));
      return;
    }
    signal.addEventListener('abort', () => reject(abortError(signal)), { once: true });
    location.assign(url);
  });
}
