import type { CoinslotError } from '../errors/coinslot-error.js';
import type { PurchaseResult } from '../purchase/purchase-types.js';

/** Options of `coinslot.recover()`. */
export interface RecoverOptions {
  /**
   * The player(s) whose paid-but-undelivered bills to ask the pay server for. Bills in the journal are recovered
   * whoever they belong to. @default the `userId` option of `createCoinslot`
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
  /** Where recovery found it: the local journal, or the pay server's list of the player's paid bills. */
  source: 'journal' | 'server';
  /** How resuming it ended, with `granted` and `delivered`; absent when it failed. */
  result?: PurchaseResult;
  /** Why resuming it failed; a bill the server still knows stays in the journal for the next recovery. */
  error?: CoinslotError;
}

/** What one recovery did. Recovery never rejects for one bill's failure; it reports it here. */
export interface RecoveryReport {
  /** Every bill recovery resumed, paid ones first. */
  bills: RecoveredBill[];
  /** Failures not about one bill: reading the journal, or listing a player's paid bills. */
  errors: CoinslotError[];
}
