import type { Bill } from '@coinslot/protocol';
import type { CoinslotError } from '../errors/coinslot-error.js';
import type { SkippedChannel } from '../channels/channel-resolution.js';
import type { RecoveryReport } from '../results/recovery-report.js';

/**
 * Every event core emits, noun-verb kebab names, one payload object each. Only core emits them.
 * Subscribe with `coinslot.on(name, listener)`; `on` returns a function that removes the listener.
 */
export interface CoinslotEventMap {
  /** A channel's loader resolved and the adapter passed its checks. */
  'channel-loaded': { channel: string };
  /** A channel was skipped; `reason` says why and `error` holds the cause. */
  'channel-skipped': SkippedChannel;
  /** The pay server created a bill for a purchase. */
  'bill-created': { bill: Bill };
  /** A verified result says the bill is paid. */
  'bill-paid': { bill: Bill };
  /**
   * A verified result says the bill failed, was cancelled or expired. A cancelled or expired bill may still be
   * paid late; recovery then grants it (or emits `bill-recovered`).
   */
  'bill-failed': { bill: Bill; state: 'failed' | 'cancelled' | 'expired'; reason?: string };
  /** The purchase deadline passed with the bill still open. */
  'bill-pending': { bill: Bill };
  /**
   * The pay server recorded the delivery. With `fulfilment: 'server'`: core learned from a verified result that the
   * game backend delivered a bill the journal had not recorded as delivered (`alreadyDelivered` is then `false`);
   * a later resume of that bill does not tell it again (two tabs finishing it at the same moment may both tell it).
   */
  'bill-delivered': { bill: Bill; alreadyDelivered: boolean };
  /**
   * A verified result says the channel refunded the bill's payment: `bill.refundedAmount` (minor units) says how much
   * so far. `revoked` is `true` when this instance ran the app's `revoke` hook for it now (an item this journal
   * granted). Emitted by a purchase or resume whose wait answers `refunded`, and by recovery for a journal bill the
   * player's refunded bills list when the journal had not recorded that refund (a further refund, raising the amount,
   * is told again).
   * With `fulfilment: 'server'` the game backend revokes; core only tells.
   */
  'bill-refunded': { bill: Bill; revoked: boolean };
  /**
   * A verified result says the bill's payment was charged back (a dispute the merchant lost, a bank reversal); as
   * `bill-refunded` otherwise, `revoked` included. A bill refunded in part may be charged back after.
   */
  'bill-charged-back': { bill: Bill; revoked: boolean };
  /**
   * Core ran the app's `grant` for a paid bill and it resolved; core records the delivery next. Emitted once per
   * bill per journal, by the instance (tab) that granted it. `applied` is `false` when the grant resolved exactly
   * `false` — the game had already applied this bill and added nothing now (`grantOnce` answers so after a crash
   * between its write and core's journal write) — so don't announce new items then; otherwise `true`.
   */
  'bill-granted': { bill: Bill; applied: boolean };
  /**
   * Granting a paid bill failed for now: the app's `grant` threw, or the bill's state could not be read. The bill
   * stays `paid` in the journal and the next recovery offers it again.
   */
  'grant-failed': { bill: Bill; error: unknown };
  /**
   * Only without the `grant` option: recovery found a paid bill that was never delivered (in the journal, in the
   * server's list, or a cancelled or expired bill paid late). Grant it — idempotently, keyed by `billId` — then
   * call `deliver(billId)`.
   * Subscribe before `ready()`, which starts recovery.
   */
  'bill-recovered': { bill: Bill; billId: string };
  /**
   * A recovery finished — the one the first `ready()` starts in the background, and each `recover()` call — with
   * its report (what `recover()` resolves with) as the payload: every bill it worked on, with and without `grant`,
   * and what it could not check (`errors`). Emitted also when it found nothing (`{ bills: [], errors: [] }`); not
   * when `recover()` rejects. Two recoveries running at once each emit their own report (a bill both found is in
   * both). Subscribe before `ready()` to hear the background one.
   */
  'recovery-finished': RecoveryReport;
  /**
   * A held wait ended without a settled result, or failed and is being retried (with `fulfilment: 'server'`, also
   * each time a paid bill's re-read shows no delivery yet).
   */
  'wait-retried': { billId: string; attempt: number; error?: CoinslotError };
}

/** The name of a Coinslot event. */
export type CoinslotEventName = keyof CoinslotEventMap;
