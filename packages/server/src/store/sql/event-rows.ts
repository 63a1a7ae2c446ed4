import type { EventType } from '@coinslot/protocol';
import type { DispatchState, NewEvent, StoredEvent } from '../event-outbox.js';
import type { EventRow } from './bill-store-sql.js';

/** The values of `SQL.insertEvent`, in order. */
export function eventRowValues(event: NewEvent): unknown[] {
  return [
    event.id,
    event.appId,
    event.type,
    event.billId,
    event.createdAt,
    event.body,
    event.dispatch,
    event.createdAt,
  ];
}

/** A selected `events` row as a {@link StoredEvent} (a PostgreSQL driver answers BIGINT columns as strings). */
export function eventOfRow(row: EventRow): StoredEvent {
  return {
    seq: Number(row.seq),
    id: row.id,
    appId: row.app_id,
    type: row.type as EventType,
    billId: row.bill_id,
    createdAt: Number(row.created_at),
    body: row.body,
    dispatch: row.dispatch as DispatchState,
    attempts: Number(row.attempts),
    nextAttemptAt: Number(row.next_attempt_at),
  };
}
