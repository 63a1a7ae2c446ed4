import type { CoinslotError } from '../errors/coinslot-error.js';
import type { Rule } from '../internal/rules.js';
import type { PurchaseResult } from '../purchase/purchase-types.js';

/** Options of `coinslot.recover()`. */
export interface RecoverOptions {
  /**
   * The player(s) whose paid-but-undelivered bills to ask the pay server for. Bills in the journal are recovered
   * whoever they belong to; without a player only the journal is used (its `cancelled` and `expired` bills are
   * re-checked for a late payment for 7 days). @default the `userId` option of `createCoinslot`
   */
  userId?: string | readonly string[];
  /** How long to wait for the result of each unsettled bill, in ms. @default the `defaultDeadlineMs` option */
  deadlineMs?: number;
  /** Stops recovery: its waits end and their bills stay in the journal for the next recovery. */
  signal?: AbortSignal;
}

/** One bill recovery worked on. */
export interface RecoveredBill {
  /** The bill id. */
  billId: string;
  /**
   * Where recovery found it: the local journal (a bill not final, or one it held as `cancelled` or `expired` that
   * was paid late), or the pay server's list of the player's paid bills.
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
   * Every bill recovery resumed, paid ones first, and every `cancelled` or `expired` one it re-checked that turned
   * out paid late (one re-checked and still closed is not listed).
   */
  bills: RecoveredBill[];
  /**
   * Failures not about one bill: reading the journal (`JOURNAL_FAILED`), or listing a player's paid bills. Like
   * {@link RecoveredBill.error}: Coinslot errors, a failed fetch as `NETWORK_ERROR`, anything else as thrown.
   */
  errors: unknown[];
}

/** The player ids recovery lists paid bills for: one id or a list, each 1–128 characters (as in a purchase). */
export function userIdsOf(value: unknown): string[] | undefined {
  if (value === undefined) return [];
  const list: unknown[] = Array.isArray(value) ? value : [value];
  const valid = list.every((id) => typeof id === 'string' && id.length >= 1 && id.length <= 128);
  return valid && list.length <= 20 ? [...new Set(list as string[])] : undefined;
}

/** The `userId` of the options and of `recover()`: what {@link userIdsOf} accepts. */
export const USER_ID_RULE: Rule = ['userId', (value) => userIdsOf(value) !== undefined, 'a string of 1–128 characters or a list of at most 20 of them'];
