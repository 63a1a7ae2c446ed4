import type { CoinslotError } from '../errors/coinslot-error.js';
import type { PurchaseResult } from './purchase-result.js';

/** One bill recovery worked on. */
export interface RecoveredBill {
  /** The bill id. */
  billId: string;
  /**
   * Where recovery found it: the local journal (a bill not final, or one it held as `cancelled` or `expired` that
   * was paid late), or the pay server's lists of the player's paid bills, and of their refunded and charged-back
   * bills (only bills the journal holds, whose reversal it had not recorded).
   */
  source: 'journal' | 'server';
  /**
   * How resuming it ended, with `granted`, `grantedHere` and `delivered`; absent when it failed. `granted` is also
   * `true` when another tab granted it; `grantedHere` says whether this instance's recovery did.
   */
  result?: PurchaseResult;
  /**
   * Why resuming it failed; a bill the server still knows stays in the journal for the next recovery. A
   * {@link CoinslotError} for every failure core knows (a failed fetch is a retryable `NETWORK_ERROR`); anything
   * else (a bug, a storage's own error) as it was thrown. Check with `CoinslotError.isInstance`.
   */
  error?: unknown;
}

/** What one recovery did. Recovery never rejects for one bill's failure; it reports it here. */
export interface RecoveryReport {
  /**
   * Every bill recovery resumed, paid ones first, every `cancelled` or `expired` one it re-checked that turned
   * out paid late (one re-checked and still closed is not listed), and every reversal it learned of (`refunded`,
   * `charged_back`).
   */
  bills: RecoveredBill[];
  /**
   * Failures not about one bill: reading the journal (`JOURNAL_FAILED`), or listing a player's paid (or reversed)
   * bills. Like {@link RecoveredBill.error}: Coinslot errors, a failed fetch as `NETWORK_ERROR`, anything else as
   * thrown.
   */
  errors: unknown[];
}
