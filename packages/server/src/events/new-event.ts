import { eventTypeOf, type Bill, type EventBody } from '@coinslot/protocol';
import { randomId } from '../signing/random-token.js';
import type { NewEvent } from '../store/event-outbox.js';

/**
 * The event of `bill`'s change into its current state (§10), for the store to record with the change; `undefined`
 * for `created`. Its body is fixed here, once: every webhook attempt and every listing sends these bytes.
 */
export function newEventFor(bill: Bill, dispatch: NewEvent['dispatch']): NewEvent | undefined {
  const type = eventTypeOf(bill.state);
  if (type === undefined) return undefined;
  const body: EventBody = { type, timestamp: new Date(bill.updatedAt).toISOString(), data: { bill } };
  return {
    id: `evt_${randomId(16)}`,
    appId: bill.appId,
    type,
    billId: bill.id,
    createdAt: bill.updatedAt,
    body: JSON.stringify(body),
    dispatch,
  };
}
