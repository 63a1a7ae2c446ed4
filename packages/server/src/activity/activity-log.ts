// The activity log: what happened around bills and who did it — each channel notification and its outcome, each
// transition with its actor, each webhook delivery attempt, each admin action — kept by the store so that every
// instance of a deployment sees the same record, after restarts too. It is a record for people (the admin console's
// timeline, channel health, search by the channel's trade number), never the source of truth: bills and the events
// log are. Entries are written in batches off the request path (activity-recorder.ts), so a crash may lose the last
// second of them, never a bill or an event.

/** What an entry records. */
export type ActivityKind =
  /** A channel's notification reached the notify endpoint (`outcome`: {@link NotificationOutcome}). */
  | 'notification'
  /** The query fallback asked the channel about a bill and applied its answer. */
  | 'query'
  /** A bill changed state (`outcome`: the new state), with who made it change in `actor`. */
  | 'transition'
  /** One attempt to deliver an event to a webhook endpoint (`outcome`: `sent` or `failed`). */
  | 'webhook'
  /**
   * Something an admin did: a console login (or a failed one) or logout, a reconciliation run (`outcome` names it).
   * Actions not about one game have `appId` {@link ALL_APPS}.
   */
  | 'admin';

/** The `appId` of an entry about the whole server rather than one game (an admin's login). */
export const ALL_APPS = '*';

/** What became of a channel notification. */
export type NotificationOutcome =
  /** Applied to its bill (or a repeat of what the bill already shows). */
  | 'accepted'
  /** Verified, but nothing for the server to do (the driver said so). */
  | 'ignored'
  /** The driver could not verify it — a bad or missing signature, an unreadable body: possibly forged. */
  | 'refused'
  /** Verified, but naming no bill of this game, not matching its bill, or not a transition the bill can make. */
  | 'rejected';

/** One entry of the activity log. */
export interface ActivityEntry {
  /** When it happened (ms since epoch). */
  at: number;
  /** The game (app) it belongs to. */
  appId: string;
  kind: ActivityKind;
  /** What became of it: a {@link NotificationOutcome}, a bill state, `sent`/`failed`, an admin action's name. */
  outcome: string;
  /**
   * Who did it: `channel:<name>`, `player:<userId>`, `game-backend`, `development`, `bill-token`, `sweeper`,
   * `query-fallback`, `pay-server`, `admin:<user>`, `admin-key:<id>`.
   */
  actor: string;
  /** The bill it is about, when there is one (a refused notification may name none). */
  billId?: string;
  /** The channel it is about. */
  channel?: string;
  /** The channel's own number for the payment (its trade number, payment intent, transaction id), when known. */
  channelTradeNo?: string;
  /** For `webhook`: the endpoint's URL (without its query string). */
  endpoint?: string;
  /** For `webhook`: the event's id. */
  eventId?: string;
  /** A short reason or detail (a refusal's reason, an HTTP status), at most 200 characters. */
  detail?: string;
  /** The pay-server instance that recorded it. */
  instanceId?: string;
}

/** A query of {@link ActivityLog.countNotifications} and {@link ActivityLog.webhookEndpoints}. */
export interface ActivityRange {
  /** One game only; absent: every game. */
  appId?: string;
  /** Entries with `at` in `[from, to)` (ms since epoch). */
  from: number;
  to: number;
}

/** One game's channel's notifications in a range, by outcome. */
export interface ChannelNotificationCounts {
  app: string;
  channel: string;
  accepted: number;
  ignored: number;
  refused: number;
  rejected: number;
  /** The last refused one in the range: when (ms since epoch), and the driver's reason. */
  lastRefusedAt?: number;
  lastRefusedReason?: string;
}

/** One game's webhook endpoint's delivery attempts in a range. */
export interface WebhookEndpointCounts {
  app: string;
  endpoint: string;
  sent: number;
  failed: number;
  /** The last attempt in the range (ms since epoch) and, when it failed, why. */
  lastAttemptAt: number;
  lastFailedAt?: number;
  lastFailure?: string;
}

/** What one pay-server instance last said of itself ({@link ActivityLog.heartbeat}). */
export interface InstanceStatus {
  instanceId: string;
  /** When it started and when it last reported (ms since epoch). */
  startedAt: number;
  seenAt: number;
  /** Waits (`GET /v1/bills/:id/wait`) it held when it reported. */
  heldWaits: number;
}

/**
 * Where the activity log is kept, offered by a bill store as `store.activity`. Optional: a store without it leaves
 * the console's timeline to what bills and events show, and its channel health to this instance's memory.
 *
 * Contract for implementers (held by `test/contract/store-activity.ts`):
 * - {@link append} stores every entry given, in one write; values handed out are copies, fields absent stay absent;
 * - the reads are index-backed (by bill, by trade number, by time) so they stay fast on a large log;
 * - {@link purgeBefore} deletes in bounded batches, like bill retention.
 */
export interface ActivityLog {
  /** Stores `entries` (a batch; may be empty). */
  append(entries: readonly ActivityEntry[]): Promise<void>;
  /** The entries of one bill, oldest first, at most `limit`. */
  listForBill(billId: string, limit: number): Promise<ActivityEntry[]>;
  /**
   * The ids of bills whose entries carry `channelTradeNo` exactly, newest entry first, each once, at most `limit`;
   * only of `appId` when given.
   */
  findBillsByTradeNo(channelTradeNo: string, limit: number, appId?: string): Promise<string[]>;
  /** Notifications in the range per game and channel, by game then channel. */
  countNotifications(range: ActivityRange): Promise<ChannelNotificationCounts[]>;
  /** Webhook attempts in the range per game and endpoint, by game then endpoint. */
  webhookEndpoints(range: ActivityRange): Promise<WebhookEndpointCounts[]>;
  /**
   * Deletes at most `limit` entries with `at` < `before`, and forgets instances not heard from since `before`;
   * answers how many entries (the sweep calls it until fewer).
   */
  purgeBefore(before: number, limit: number): Promise<number>;
  /**
   * The newest `admin` entries, newest first, at most `limit`: of `appId` and of the whole server ({@link ALL_APPS})
   * when `appId` is given, else all; only those with `at` < `before` when given (the next page).
   */
  listAdminActions(query: { appId?: string; before?: number; limit: number }): Promise<ActivityEntry[]>;
  /**
   * When `actor` last did admin action `outcome` (ms since epoch), or `undefined` (the console's logout, seen by every
   * instance: a user's sessions issued before it end everywhere).
   */
  lastAdminAction(actor: string, outcome: string): Promise<number | undefined>;
  /** Records (inserts or replaces) what instance `status.instanceId` says of itself. */
  heartbeat(status: InstanceStatus): Promise<void>;
  /** Instances that reported at `seenSince` or later, by id. */
  listInstances(seenSince: number): Promise<InstanceStatus[]>;
}
