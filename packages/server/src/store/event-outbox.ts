import type { EventType } from '@coinslot/protocol';

/** Whether an event still has to reach the game backend's webhook endpoint. */
export type DispatchState =
  /** Waiting for its next attempt (or its first). */
  | 'pending'
  /** The endpoint answered 2xx. */
  | 'sent'
  /** Every attempt of the schedule failed; it stays listed by `GET /v1/events`. */
  | 'dead'
  /** No webhook endpoint was configured when it was recorded: pull only. */
  | 'none';

/** An event to record with a state change, in the same atomic write ({@link EventOutbox}). */
export interface NewEvent {
  /** `evt_…`: the webhook id, the same on every attempt. */
  id: string;
  /** The app (game) of the event's bill: its webhook endpoint and key send it, its server key pulls it. */
  appId: string;
  type: EventType;
  billId: string;
  /** ms since epoch: the bill's `updatedAt`. */
  createdAt: number;
  /** The exact JSON body every attempt sends (an `EventBody`), so a retry is byte-identical. */
  body: string;
  /** `pending` when the app's webhook endpoint is configured, else `none`. */
  dispatch: 'pending' | 'none';
}

/** A recorded event with its place in the log and its dispatch progress. */
export interface StoredEvent extends Omit<NewEvent, 'dispatch'> {
  /** Position in the store's event log: increases with every event recorded; the pull API's cursor. */
  seq: number;
  dispatch: DispatchState;
  /** How many attempts were made. */
  attempts: number;
  /** When the next attempt is due, ms since epoch (meaningful while `pending`). */
  nextAttemptAt: number;
}

/** What an attempt came to, for {@link EventOutbox.recordDispatch}. */
export type DispatchOutcome =
  | { state: 'sent' }
  | { state: 'pending'; nextAttemptAt: number; error: string }
  | { state: 'dead'; error: string };

/**
 * The events outbox of a bill store (protocol §10): every state change writes its event in the same atomic write
 * as the change (`BillStore.transition`'s `event`), so a change is never stored without its event, nor an event
 * without its change. The dispatcher reads it from here; `GET /v1/events` lists it.
 *
 * Contract for implementers (held by `test/store-contract.ts`):
 * - `seq` increases with every recorded event and is never reused;
 * - {@link claimDueEvents} hands out, per bill, only its oldest event still `pending` (events of one bill reach the
 *   backend in order), each at most once per lease: a claimed event is not handed out again before `leaseUntil`
 *   unless {@link recordDispatch} was called for it (an instance that dies mid-send loses its lease, not the event);
 * - {@link purgeEvents} never deletes an event still `pending`.
 */
export interface EventOutbox {
  /** Events with `seq` > `after`, oldest first, at most `limit`; only app `appId`'s when given, else every app's. */
  listEvents(after: number, limit: number, appId?: string): Promise<StoredEvent[]>;
  /**
   * The events of bill `billId` of app `appId`, oldest first (by `seq`), at most `limit`, read by an index on the
   * bill. Optional: without it a reader walks {@link listEvents}.
   */
  listEventsOfBill?(appId: string, billId: string, limit: number): Promise<StoredEvent[]>;
  /**
   * Claims at most `limit` events due by `now` (pending, `nextAttemptAt` ≤ `now`, not leased) that are the oldest
   * pending event of their bill, leasing each until `leaseUntil`. Oldest due first.
   */
  claimDueEvents(now: number, leaseUntil: number, limit: number): Promise<StoredEvent[]>;
  /** Records an attempt's outcome: counts the attempt and ends the lease. */
  recordDispatch(seq: number, outcome: DispatchOutcome): Promise<void>;
  /** Deletes at most `limit` events recorded before `before` that are not `pending`; answers how many. */
  purgeEvents(before: number, limit: number): Promise<number>;
  /** The lowest `seq` still `pending` and when it is due, or `undefined`: the dispatcher's backlog (for health). */
  oldestPendingEvent(): Promise<{ seq: number; createdAt: number; nextAttemptAt: number } | undefined>;
}
