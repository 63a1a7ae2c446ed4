import type { Bill } from '@coinslot/protocol';
import { CoinslotError } from '../errors/coinslot-error.js';
import { isRecord } from '../internal/guards.js';

/**
 * Where a bill stands in the local journal:
 * - `created`: the pay server created it; the channel is about to launch;
 * - `waiting`: the channel launched; core waits for the signed result;
 * - `pending`: a wait ended without a result (see {@link PendingReason}); recovery resumes it;
 * - `paid`: a verified result says paid; the item is not granted yet;
 * - `granted`: the app's `grant` hook returned for it; delivery is not recorded yet;
 * - `delivered`, `failed`: final (a delivered bill may still be reversed: see below);
 * - `cancelled`, `expired`: final, unless the pay server honours a late verified payment (protocol §1): a verified
 *   result then moves the record to `paid` (see {@link canMove}); recovery re-checks them for a while;
 * - `refunded`, `charged_back`: a verified result says the channel reversed the payment (see `revokedAt`). A refunded
 *   bill may still be refunded further or charged back; `charged_back` is final.
 */
export type JournalState =
  | 'created'
  | 'waiting'
  | 'pending'
  | 'paid'
  | 'granted'
  | 'delivered'
  | 'failed'
  | 'cancelled'
  | 'expired'
  | 'refunded'
  | 'charged_back';

/**
 * Why a bill is pending: `deadline-reached` (the wait outlived its deadline), `network` (the server could not be
 * reached), `aborted` (the caller aborted, or the instance was disposed) or `error` (another failure, e.g. a
 * launch that threw). Always resumable: the bill may still be paid.
 *
 * `awaiting-delivery` is the one reason a `paid` result carries, with `fulfilment: 'server'`: the bill is paid and
 * the game backend has not marked it delivered yet; `resume()` and recovery go on waiting for the delivery.
 */
export type PendingReason = 'deadline-reached' | 'network' | 'aborted' | 'error' | 'awaiting-delivery';

/** One bill in the journal: what a later run needs to resume it, grant it and deliver it. */
export interface JournalRecord {
  /** Record format version. */
  v: 1;
  /** The bill id. */
  billId: string;
  /** The pay server the bill lives on; recovery only touches records of its own server. */
  server: string;
  /** The player the bill is for. */
  userId: string;
  /** The channel it was paid with. */
  channel: string;
  /** Where it stands. */
  state: JournalState;
  /** Why it is pending, when `state` is `pending`. */
  pendingReason?: PendingReason;
  /** The bill as last known (from the verified result when there was one). */
  bill: Bill;
  /**
   * The bill's token (`cbt_…`) from the create answer: every later call about the bill sends it, in this run or after
   * a reload. Absent in records of bills core did not create here (or before it kept tokens): those calls send the
   * player token, or nothing without `getPlayerToken`.
   */
  billToken?: string;
  /** When the journal first recorded it, ms since epoch. */
  createdAt: number;
  /** When the record last changed. */
  updatedAt: number;
  /**
   * When this journal's run granted it: the `grant` hook returned for it, or the app called `deliver()` for it. Only
   * such bills are offered to the `revoke` hook when their payment is reversed.
   */
  grantedAt?: number;
  /** When the `revoke` hook returned for it: it is never offered again. */
  revokedAt?: number;
  /** When the pay server recorded the delivery. */
  deliveredAt?: number;
}

const UNSETTLED: readonly JournalState[] = ['created', 'waiting', 'pending'];
const FINAL: readonly JournalState[] = ['delivered', 'failed', 'cancelled', 'expired', 'refunded', 'charged_back'];
const STATES: readonly JournalState[] = [...UNSETTLED, 'paid', 'granted', ...FINAL];

/** Whether recovery should resume the bill's wait. */
export const isUnsettled = (state: JournalState): boolean => UNSETTLED.includes(state);

/** Whether the bill has no wait left to resume and nothing left to grant or deliver (but see {@link mayBePaidLate}). */
export const isFinal = (state: JournalState): boolean => FINAL.includes(state);

/** Whether a final bill may still turn paid: `cancelled` or `expired`, through a late verified payment (protocol §1). */
export const mayBePaidLate = (state: JournalState): boolean => state === 'cancelled' || state === 'expired';

/**
 * Whether a record may move from one state to another. States only move forward, so a late write from a slower
 * path (a wait that timed out while another tab delivered) never undoes progress.
 *
 * One move leaves a final state: a late payment, `cancelled` or `expired` → `paid` (or straight to `delivered`
 * when the signed state already says so), as the pay server honours it (protocol §1). It is safe because the
 * journal records `paid` only from a verified signed result, and `delivered` only from a signed result or the
 * server's own delivery. `failed` never moves: a declined bill was not paid, and a signed `paid` for it is refused
 * (`RESULT_REJECTED`, see `deliver/finish-bill.ts`) rather than granted. A reversal (`refunded`, `charged_back`, from
 * a verified result too) follows any state but `failed`; it may be written again (a further refund, the revocation),
 * and only `charged_back` follows it.
 */
export function canMove(from: JournalState, to: JournalState): boolean {
  if (isUnsettled(from)) return true;
  if (to === 'refunded' || to === 'charged_back') return from === to || (from !== 'failed' && from !== 'charged_back');
  if (from === 'paid') return to === 'paid' || to === 'granted' || to === 'delivered';
  if (from === 'granted') return to === 'delivered';
  if (mayBePaidLate(from)) return to === 'paid' || to === 'delivered';
  return false;
}

/** Whether a stored value is a journal record core can use (anything else is skipped, never trusted). */
export function isJournalRecord(value: unknown): value is JournalRecord {
  return (
    isRecord(value) &&
    value.v === 1 &&
    typeof value.billId === 'string' &&
    typeof value.server === 'string' &&
    STATES.includes(value.state as JournalState) &&
    isRecord(value.bill) &&
    typeof value.updatedAt === 'number'
  );
}

/**
 * The pending reason for an error that ended a purchase or a resume before its result. Only a server that could
 * not be reached or could not serve is `network`: a retryable launch failure (a blocked popup) is still an `error`.
 */
export function pendingReasonOf(error: unknown): PendingReason {
  if (!CoinslotError.isInstance(error)) return 'error';
  if (error.code === 'ABORTED' || error.code === 'DISPOSED') return 'aborted';
  if (error.code === 'NETWORK_ERROR' || (error.code === 'PAY_SERVER_ERROR' && error.retryable)) return 'network';
  return 'error';
}
