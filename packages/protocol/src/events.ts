/**
 * Events the pay server sends the game backend (protocol v1 §10, "Events"): one per state change, as Standard
 * Webhooks (https://www.standardwebhooks.com) and through `GET /v1/events?after=`.
 */
import type { BillState } from './bill-states.js';
import type { Bill } from './wire-types.js';

/** Every event type: one per state a bill can enter after `created`, and a reconciliation's mismatches (§10). */
export const EVENT_TYPES = [
  'bill.paid',
  'bill.failed',
  'bill.cancelled',
  'bill.expired',
  'bill.delivered',
  'bill.refunded',
  'bill.charged_back',
  'reconciliation.mismatch',
] as const;

/** An event's type: `bill.<state it entered>`, or `reconciliation.mismatch`. */
export type EventType = (typeof EVENT_TYPES)[number];

/** The type of a bill's event: `bill.<state it entered>`. */
export type BillEventType = Exclude<EventType, 'reconciliation.mismatch'>;

/**
 * Whether `event` is a bill's event (`bill.*`, with `data.bill`) rather than a `reconciliation.mismatch`: narrows a
 * webhook body ({@link AnyEventBody}) or a listed event ({@link ListedEvent}).
 */
export function isBillEvent<T extends { type: EventType }>(event: T): event is Extract<T, { type: BillEventType }> {
  return event.type !== 'reconciliation.mismatch';
}

/** Whether `value` names an event type. */
export function isEventType(value: unknown): value is EventType {
  return typeof value === 'string' && (EVENT_TYPES as readonly string[]).includes(value);
}

/** The event a bill entering `state` records; `created` records none. */
export function eventTypeOf(state: BillState): BillEventType | undefined {
  return state === 'created' ? undefined : (`bill.${state}` as BillEventType);
}

/** The body of an event: a webhook's JSON body, and each item of `GET /v1/events` (with `id` and `cursor`). */
export interface EventBody {
  /** What happened. */
  type: BillEventType;
  /** When the state changed, ISO 8601 in UTC (the bill's `updatedAt`). */
  timestamp: string;
  /** The bill as it was right after the change. */
  data: { bill: Bill };
}

/**
 * The body of a `reconciliation.mismatch` event (§10): a reconciliation of one channel's settlement day found
 * mismatches (docs/reconciliation.md). One event per run that found any; a re-run sends a new one.
 */
export interface ReconciliationMismatchBody {
  type: 'reconciliation.mismatch';
  /** When the run was made, ISO 8601 in UTC. */
  timestamp: string;
  data: {
    /** The run: `id` (`rec_…`), `appId`, `channel`, `date`, `timeZone`, `source`, `counts` per kind, `mismatches`. */
    reconciliation: {
      id: string;
      appId: string;
      channel: string;
      date: string;
      timeZone: string;
      source: 'fetch' | 'upload';
      counts: Record<string, number>;
      mismatches: number;
    };
    /** The first mismatched items (at most 100): `kind`, `billId`, `channelTradeNo`, the amounts and a `detail`. */
    items: Record<string, unknown>[];
    /** How many more mismatched items the run holds (`GET /v1/admin/reconciliations/:id`). */
    more: number;
  };
}

/** Any event's body: a bill's change or a reconciliation's mismatches, told apart by `type`. */
export type AnyEventBody = EventBody | ReconciliationMismatchBody;

/** What `GET /v1/events` adds to each event's body. */
export interface EventListing {
  /** The event id, the same as the webhook's `webhook-id`: deduplicate on it. */
  id: string;
  /** Pass it as `after` to list the events recorded after this one. */
  cursor: string;
}

/**
 * One event as `GET /v1/events` lists it: a bill's change or a reconciliation's mismatches, with its id and cursor.
 * Check `type` (or `'bill' in event.data`) before reading `data.bill`.
 */
export type ListedEvent = (EventBody & EventListing) | (ReconciliationMismatchBody & EventListing);

/** Answer of `GET /v1/events?after=<cursor>&limit=<n>`. */
export interface EventPage {
  /** The events after the cursor, oldest first. */
  events: ListedEvent[];
  /** The cursor to ask with next time (the last event's, or the one asked with when there were none). */
  next: string;
  /** Whether more events follow right now (ask again at once). */
  more: boolean;
}

/** The Standard Webhooks headers of every webhook. */
export const WEBHOOK_HEADERS = {
  /** The event id: the same on every retry. */
  id: 'webhook-id',
  /** Seconds since epoch when this attempt was signed. */
  timestamp: 'webhook-timestamp',
  /** Space-separated `v1a,<base64 Ed25519 signature>` (the default) or `v1,<base64 HMAC-SHA256>`. */
  signature: 'webhook-signature',
} as const;

/** Prefix of a webhook public key (`whpk_` + base64 of the raw 32-byte Ed25519 key). */
export const WEBHOOK_PUBLIC_KEY_PREFIX = 'whpk_';
/** Prefix of a symmetric webhook secret (`whsec_` + base64 of the key bytes), the HMAC option. */
export const WEBHOOK_SECRET_PREFIX = 'whsec_';

/**
 * When the pay server tries a webhook, in ms after the event was recorded: at once, then after each listed delay
 * since the previous attempt (5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h — about 27 h 35 min in all).
 */
export const WEBHOOK_RETRY_DELAYS_MS: readonly number[] = [
  0, 5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000,
];

/** How long a server keeps events for `GET /v1/events` at least, in days. */
export const MIN_EVENT_RETENTION_DAYS = 30;

/** How far a webhook's timestamp may be from the receiver's clock before it is refused, in seconds. */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

/** The text a webhook's signatures sign (§10): `<webhook-id>.<webhook-timestamp>.<body>`, as UTF-8 bytes. */
export function webhookSignedContent(id: string, timestamp: number | string, body: string): string {
  return `${id}.${timestamp}.${body}`;
}
