import { WEBHOOK_RETRY_DELAYS_MS } from '@coinslot/protocol';
import type { DispatchOutcome } from '../store/event-outbox.js';

/**
 * What a failed attempt leads to (protocol §10): attempt number `attempt` (1 for the first) failed at `now`, so the
 * next one is due `WEBHOOK_RETRY_DELAYS_MS[attempt]` later; after the last one the event is `dead`.
 */
export function afterFailedAttempt(
  attempt: number,
  now: number,
  error: string,
): Exclude<DispatchOutcome, { state: 'sent' }> {
  const delay = WEBHOOK_RETRY_DELAYS_MS[attempt];
  return delay === undefined ? { state: 'dead', error } : { state: 'pending', nextAttemptAt: now + delay, error };
}
