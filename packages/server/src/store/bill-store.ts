import type { Bill, BillState, LaunchPayload } from '@coinslot/protocol';
import type { ReconciliationStore } from '../reconciliation/reconciliation-store.js';
import type { ActivityLog } from '../activity/activity-log.js';
import type { ReportSource } from '../reports/report-source.js';
import type { EventOutbox, NewEvent } from './event-outbox.js';

/** A stored bill and the launch payload its driver built at creation (replays answer the same one). */
export interface BillRecord {
  bill: Bill;
  launch: LaunchPayload;
}

/** Idempotency keys are scoped per app and user: two players, or one player id in two games, may use the same key. */
export interface IdempotencyScope {
  appId: string;
  userId: string;
  key: string;
}

/** What {@link BillStore.claimIdempotencyKey} found. */
export type IdempotencyClaim =
  /** The key was free (or its in-flight claim was stale) and now belongs to the caller. */
  | { status: 'claimed' }
  /** Another request with this key is still being processed. */
  | { status: 'in-flight'; bodyHash: string }
  /** A request with this key already created `billId`. */
  | { status: 'done'; bodyHash: string; billId: string };

/**
 * What a {@link BillStore.transition} expects the stored bill still to show: the state and the refund total the
 * caller read. A {@link Bill} fits (the server passes the bill it read); a bare state means "that state, never
 * refunded" — `refundedAmount` absent — which fits every bill that has not been refunded.
 */
export type TransitionFrom = BillState | Pick<Bill, 'state' | 'refundedAmount'>;

/** `from` as the state and refund total (0 when none) a transition compares. */
export function expectedOf(from: TransitionFrom): { state: BillState; refundedAmount: number } {
  return typeof from === 'string'
    ? { state: from, refundedAmount: 0 }
    : { state: from.state, refundedAmount: from.refundedAmount ?? 0 };
}

/** A change {@link BillStore.moveIfMatches} makes, and the conditions it is made on. */
export interface MatchedMove {
  id: string;
  /** The stored bill must be this app's, */
  appId: string;
  /** in this state, */
  state: BillState;
  /** not due to expire at this time (`expiresAt` ≥ it), */
  notExpiredAt: number;
  /** and hold these values (its channel, amount, currency…). */
  matches: Partial<Bill>;
  /** It then becomes itself with these members set, its new state among them. */
  changes: Partial<Bill> & Pick<Bill, 'state' | 'updatedAt'>;
  /**
   * The change's event, whose body is `head + <the stored bill's JSON> + tail` (events/new-event.ts); its app, bill
   * and time are the move's (`appId`, `id`, `changes.updatedAt`).
   */
  event: Pick<NewEvent, 'id' | 'type' | 'dispatch'> & { head: string; tail: string };
}

/** What {@link BillStore.transition} did. */
export type TransitionOutcome =
  /** The bill was in the expected state and now is `bill`. */
  | { applied: true; bill: Bill }
  /**
   * Nothing changed: `bill` is the current bill (another state or refund total), or `undefined` when there is no
   * such bill.
   */
  | { applied: false; bill: Bill | undefined };

/** A query of {@link BillStore.listBills}. */
export interface ListBillsQuery {
  /** The app (game) whose bills are listed: a player id means a player of one game. */
  appId: string;
  userId: string;
  state: BillState;
  limit: number;
}

/**
 * A page of {@link BillStore.listBillsToQuery}: the bills the query fallback asks their channel about (protocol §7),
 * in the order of their time, then id.
 */
export interface BillsToQuery {
  /**
   * `open`: bills still `created`, timed by `createdAt` (the checkpoints after creation); `unpaid`: bills
   * {@link UNPAID_QUERY_STATES} — `created`, `expired` or `cancelled` — timed by `expiresAt` (the check after expiry,
   * for a payment the channel took in time whose notification never came).
   */
  kind: 'open' | 'unpaid';
  /** Only bills after this position: a time greater than `after`, or equal to it with an id greater than `afterId`. */
  after: number;
  /** The last id of the previous page at time `after`, or `''` for every bill of that time. */
  afterId: string;
  /** Only bills whose time is at most this (ms since epoch). */
  upTo: number;
  /** At most this many bills. */
  limit: number;
}

/** The states the query fallback's check after expiry looks at: not paid when the bill expired, maybe paid late. */
export const UNPAID_QUERY_STATES = ['created', 'expired', 'cancelled'] as const satisfies readonly BillState[];

/**
 * What {@link BillStore.insertBill} answers: `true` when it marked the creating idempotency key done in its own write.
 * `void` stays allowed, so a store (or a subclass's override) that answers nothing is still a store.
 */
// biome-ignore lint/suspicious/noConfusingVoidType: an insertBill that returns nothing must keep type-checking
export type InsertBillAnswer = boolean | void;

/**
 * Where the pay server keeps bills and idempotency records. Every method is async so a durable store
 * (SQLite, PostgreSQL) can implement it: {@link MemoryBillStore} is the library default, `SqliteBillStore`
 * the durable one the CLI and `startPayServer({ dataDir })` use.
 *
 * Contract for implementers:
 * - each method is atomic on its own; the server never relies on two calls being atomic together;
 * - values passed in and handed out are copies: the caller may mutate what it gets;
 * - `transition` is a compare-and-set on the bill's state **and** its `refundedAmount` — the only way a stored bill
 *   changes — and writes the change's event with it ({@link EventOutbox}). Comparing the state alone is not enough:
 *   `refunded → refunded` keeps the state, so two instances applying partial refunds of one bill at once would both
 *   succeed and the write landing last — perhaps the smaller running total — would win; and a chargeback built from
 *   a bill read before a refund raised its total would put the old total back. With both compared, a write built
 *   from a stale read is refused, the caller re-reads and decides again (`applyVerdict`: a total no larger than the
 *   stored one is a repeat), so a refund is never lost and never recorded twice, on one instance or many;
 * - a durable store has the change on disk before the returned promise resolves (the server answers after it).
 */
export interface BillStore extends EventOutbox {
  /** The bill with this id and its launch payload, or `undefined`. */
  getBill(id: string): Promise<BillRecord | undefined>;
  /**
   * Stores a new bill. Throws when the id exists (ids are random, so this means a bug). With `createdBy`, the
   * store also marks that claimed idempotency key done with this bill in the same atomic write, so a crash can
   * never leave the bill stored and its key still in flight (a durable store should). Answers `true` when it did
   * mark the key in this write: the server then does not call {@link completeIdempotencyKey} after it, one write
   * fewer per bill created. Any other answer (a store that ignores `createdBy`, or a subclass whose override drops
   * it) and the server calls it, which is harmless. The claim travels with the write, not with the store's class,
   * so an override that never passes `createdBy` on cannot claim it by inheritance.
   */
  insertBill(record: BillRecord, createdBy?: IdempotencyScope): Promise<InsertBillAnswer>;
  /**
   * Replaces the bill with `next` if and only if its current state and `refundedAmount` (absent counts as none) are
   * those of `from` ({@link TransitionFrom}), and records `event` (the change's event, §10) in the same atomic write:
   * applied, both are stored; not applied, neither is.
   */
  transition(id: string, from: TransitionFrom, next: Bill, event?: NewEvent): Promise<TransitionOutcome>;
  /**
   * Optional: a {@link transition} the store decides without a read first — one round trip where a read and a
   * compare-and-set are two (a channel's payment notification, on a store across the network). When the stored bill
   * meets every condition of `move`, it becomes itself with `move.changes` set and the change's event is recorded,
   * in one atomic write, and the answer is the bill it replaced and the one stored. Otherwise nothing changes and the
   * answer is `undefined`: the caller reads the bill and decides as it would have (refusals and repeats included).
   */
  moveIfMatches?(move: MatchedMove): Promise<{ from: Bill; to: Bill } | undefined>;
  /** A user's bills of one app in one state, oldest `createdAt` first, at most `limit`. */
  listBills(query: ListBillsQuery): Promise<Bill[]>;
  /** Bills still `created` whose `expiresAt` < `now`, at most `limit` (for the expiry sweep). */
  listExpiredBills(now: number, limit: number): Promise<Bill[]>;
  /**
   * Claims an idempotency key for a create, atomically: a free key (or one whose in-flight claim started
   * before `staleBefore`, left by a crashed request) becomes in flight with `bodyHash`; otherwise reports
   * the existing record.
   */
  claimIdempotencyKey(
    scope: IdempotencyScope,
    bodyHash: string,
    now: number,
    staleBefore: number,
  ): Promise<IdempotencyClaim>;
  /** Marks a claimed key done: it created `billId`. */
  completeIdempotencyKey(scope: IdempotencyScope, billId: string): Promise<void>;
  /** Frees a claimed key whose create failed, so a retry may succeed. */
  releaseIdempotencyKey(scope: IdempotencyScope): Promise<void>;
  /** Forgets idempotency records claimed before `before`; answers how many. */
  purgeIdempotencyKeys(before: number): Promise<number>;
  /**
   * How many of a user's bills of one app are still `created` with `expiresAt` ≥ `now` (the open-bill cap). Optional: without
   * it the server counts from {@link listBills}.
   */
  countOpenBills?(appId: string, userId: string, now: number): Promise<number>;
  /**
   * Deletes at most `limit` bills settled unpaid — {@link UNPAID_SETTLED_STATES} — whose `expiresAt` < `before`, with
   * nothing else; answers how many (retention: the sweep calls it until it answers less than `limit`). Bills that
   * were paid are never deleted. Optional: a store without it keeps every bill (the server warns once).
   */
  purgeSettledBills?(before: number, limit: number): Promise<number>;
  /**
   * A page of the bills the query fallback asks about ({@link BillsToQuery}), in (time, id) order: a cursor, so each
   * bill is handed out once per walk even when many share a millisecond. Optional: without it the server cannot
   * query channels for lost notifications (it warns once when a driver could) — bills then wait for the channel's
   * own notification retries.
   */
  listBillsToQuery?(page: BillsToQuery): Promise<Bill[]>;
  /**
   * The aggregate queries the admin API's reports are built from (docs/reports.md). Optional: without it the server
   * answers every report `404 NOT_FOUND` (the store keeps no reports).
   */
  readonly reports?: ReportSource;
  /**
   * Reconciliation runs and the bills they compare (docs/reconciliation.md). Optional: without it the server answers
   * every reconciliation path `404 NOT_FOUND`.
   */
  readonly reconciliations?: ReconciliationStore;
  /**
   * The activity log: channel notifications, transitions with their actor, webhook attempts, admin actions and
   * instance heartbeats (src/activity/activity-log.ts). Optional: without it the admin console's timeline shows what
   * bills and events record, and its channel health what this instance saw since it started.
   */
  readonly activity?: ActivityLog;
}

/** The states retention deletes: settled without a payment. Paid and delivered bills (any state not listed) stay. */
export const UNPAID_SETTLED_STATES: readonly BillState[] = ['failed', 'cancelled', 'expired'];
