import { eventTypeOf, type Bill, type EventType } from '@coinslot/protocol';
import { randomId } from '../signing/random-token.js';
import type { NewEvent } from '../store/event-outbox.js';

/**
 * The JSON of an event's body (§10) on either side of its bill: `head + <bill JSON> + tail` is the body of a
 * `type` event at `updatedAt` — `{"type":…,"timestamp":…,"data":{"bill":…}}`, the same bytes `JSON.stringify` of
 * the body makes. A store that writes the bill itself (`BillStore.moveIfMatches`) puts its stored text in between.
 */
export function eventBodyAround(type: EventType, updatedAt: number): { head: string; tail: string } {
  const timestamp = new Date(updatedAt).toISOString();
  return {
    head: `{"type":${JSON.stringify(type)},"timestamp":${JSON.stringify(timestamp)},"data":{"bill":`,
    tail: '}}',
  };
}

/** A fresh event id, `evt_…`: the webhook id, the same on every attempt. */
export const newEventId = (): string => `evt_${randomId(16)}`;

/**
 * The event of `bill`'s change into its current state (§10), for the store to record with the change; `undefined`
 * for `created`. Its body is fixed here, once: every webhook attempt and every listing sends these bytes.
 */
export function newEventFor(bill: Bill, dispatch: NewEvent['dispatch']): NewEvent | undefined {
  const type = eventTypeOf(bill.state);
  if (type === undefined) return undefined;
  const { head, tail } = eventBodyAround(type, bill.updatedAt);
  return {
    id: newEventId(),
    appId: bill.appId,
    type,
    billId: bill.id,
    createdAt: bill.updatedAt,
    body: head + JSON.stringify(bill) + tail,
    dispatch,
  };
}
