import type { Bill } from '@coinslot/protocol';
import type { PendingReason } from '../journal/journal-record.js';

/**
 * How a purchase ended. Only `paid` grants the item: core does it when the app set `grant`; otherwise the app
 * grants and calls `deliver(bill.id)`.
 * - `paid`: the verified result says paid (or already delivered: see `delivered`);
 * - `declined`: the channel declined the payment (bill `failed`);
 * - `cancelled`: the player cancelled;
 * - `expired`: the bill expired unpaid;
 * - (`cancelled` and `expired` may still turn paid when the channel's payment reaches the pay server late; the
 *   next recovery — `ready()` or `recover()` — then grants it, or announces it with `bill-recovered`.)
 * - `pending`: the deadline passed with the bill still open — not a failure; `resume(bill.id)` later.
 */
export type PurchaseStatus = 'paid' | 'declined' | 'cancelled' | 'expired' | 'pending';

/** The outcome of `purchase()` or `resume()`. */
export interface PurchaseResult {
  /** How it ended. */
  status: PurchaseStatus;
  /** The bill as the verified result describes it. */
  bill: Bill;
  /** The failure reason for `declined` (e.g. `declined`, `channel-error`). */
  reason?: string;
  /** Why the bill is `pending`; the journal keeps it and recovery resumes it. */
  pendingReason?: PendingReason;
  /**
   * Whether the item is granted: core's `grant` ran for this bill — now, earlier, or in another tab — or the
   * bill was already delivered. Always `false` without the `grant` option. `paid` with `granted: false` while
   * `grant` is set means granting failed for now (see the `grant-failed` event); recovery offers it again.
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
