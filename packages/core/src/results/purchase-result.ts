import type { Bill } from '@coinslot/protocol';
import type { PendingReason } from '../journal/journal-record.js';

/**
 * How a purchase ended. Only `paid` grants the item: core does it when the app set `grant`; otherwise the app
 * grants and calls `deliver(bill.id)`. With `fulfilment: 'server'` the game backend grants, and core follows it.
 * - `paid`: the verified result says paid (or already delivered: see `delivered`). With `fulfilment: 'server'`:
 *   paid, but the game backend has not marked it delivered before the deadline (`pendingReason: 'awaiting-delivery'`);
 *   `resume(bill.id)` and recovery go on waiting for the delivery;
 * - `delivered`: only with `fulfilment: 'server'`: the game backend granted the item and marked the bill delivered;
 * - `declined`: the channel declined the payment (bill `failed`);
 * - `cancelled`: the player cancelled;
 * - `expired`: the bill expired unpaid;
 * - (`cancelled` and `expired` may still turn paid when the channel's payment reaches the pay server late; the
 *   next recovery — `ready()` or `recover()` — then grants it, or announces it with `bill-recovered`.)
 * - `refunded`: the channel gave the payment back (`bill.refundedAmount` says how much); nothing is granted, and an
 *   item this journal granted is offered to the `revoke` hook;
 * - `charged_back`: the payment was charged back (a dispute the merchant lost); as `refunded`;
 * - `pending`: the deadline passed with the bill still open — not a failure; `resume(bill.id)` later.
 */
export type PurchaseStatus =
  | 'paid'
  | 'delivered'
  | 'declined'
  | 'cancelled'
  | 'expired'
  | 'refunded'
  | 'charged_back'
  | 'pending';

/** The outcome of `purchase()` or `resume()`. */
export interface PurchaseResult {
  /** How it ended. */
  status: PurchaseStatus;
  /** The bill as the verified result describes it. */
  bill: Bill;
  /** The failure reason for `declined` (e.g. `declined`, `channel-error`). */
  reason?: string;
  /**
   * Why the bill is `pending`; the journal keeps it and recovery resumes it. On a `paid` result with
   * `fulfilment: 'server'`: `awaiting-delivery`, the game backend has not marked it delivered yet.
   */
  pendingReason?: PendingReason;
  /**
   * Whether the item is granted: core's `grant` ran for this bill — now, earlier, or in another tab — or the
   * bill was already delivered. Always `false` without the `grant` option (but `true` on a `delivered` result with
   * `fulfilment: 'server'`: the game backend granted it), and on a `refunded` or `charged_back` result. `paid` with
   * `granted: false` while `grant` is set means granting failed for now (see the `grant-failed` event); recovery
   * offers it again.
   */
  granted: boolean;
  /**
   * Whether this very run — this `purchase()`, this `resume()`, this instance's recovery of the bill — called
   * `grant` for the bill and it resolved (`bill-granted` was emitted here). `granted: true` with
   * `grantedHere: false` means it was granted before or elsewhere: by another tab that won the bill's lock, by an
   * earlier run, or the server already had it delivered. Always `false` without the `grant` option.
   */
  grantedHere: boolean;
  /** Whether the pay server has recorded the delivery. A delivered bill must never be granted again. */
  delivered: boolean;
}
