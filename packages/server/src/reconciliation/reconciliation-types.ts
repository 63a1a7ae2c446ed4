import type { BillState } from '@coinslot/protocol';
import type { SettlementRecord } from '../drivers/settlement.js';

/**
 * How one bill or settlement line compares (docs/reconciliation.md):
 * - `matched`: the channel settled what the bill says;
 * - `deferred`: paid here in the last {@link NEIGHBOUR_MARGIN_MS} of the day and not in this day's settlement — the
 *   channel may book it on the next day; not a mismatch;
 * - `missing-at-channel`: paid here in the day's window, no payment line;
 * - `missing-here`: a payment line with no bill, or with a bill that was never paid here;
 * - `amount-mismatch` / `currency-mismatch`: the payment line's amount or currency is not the bill's;
 * - `state-mismatch`: refunded or charged back at the channel but not here, refunded here but not at the channel,
 *   or refund totals that differ.
 */
export const ITEM_KINDS = [
  'matched',
  'deferred',
  'missing-at-channel',
  'missing-here',
  'amount-mismatch',
  'currency-mismatch',
  'state-mismatch',
] as const;

/** One of {@link ITEM_KINDS}. */
export type ItemKind = (typeof ITEM_KINDS)[number];

/** The kinds that are mismatches: everything but `matched` and `deferred`. */
export const MISMATCH_KINDS: readonly ItemKind[] = ITEM_KINDS.filter((k) => k !== 'matched' && k !== 'deferred');

/** A bill near midnight may land in the neighbour day's settlement: this close to the day's edges counts as either. */
export const NEIGHBOUR_MARGIN_MS = 15 * 60_000;

/** One compared bill (or bill-less settlement line) of a run. */
export interface ReconciliationItem {
  kind: ItemKind;
  /** The bill's id, from the bill or the line; `null` for a line naming no bill. */
  billId: string | null;
  /** The channel's transaction number from the lines, when they carry one. */
  channelTradeNo: string | null;
  /** The bill as stored here, when there is one. */
  billState: BillState | null;
  billAmount: number | null;
  billCurrency: string | null;
  /** This day's lines for it: payments, refunds and chargebacks summed (minor units of `channelCurrency`). */
  channelPaid: number;
  channelRefunded: number;
  channelChargedBack: number;
  channelCurrency: string | null;
  /** Why it got its kind, in words. */
  detail: string;
  /** The settlement lines as the channel wrote them. */
  lines: SettlementRecord[];
}

/** One reconciliation of a game's channel for one settlement day. */
export interface ReconciliationRun {
  /** `rec_…`. */
  id: string;
  appId: string;
  channel: string;
  /** The settlement day, `YYYY-MM-DD` in {@link timeZone}. */
  date: string;
  timeZone: string;
  /** Where the lines came from: the driver's `fetchSettlement` or an uploaded file. */
  source: 'fetch' | 'upload';
  /** When it ran (ms since epoch). */
  createdAt: number;
  /** The day's window, `[from, to)` ms since epoch. */
  from: number;
  to: number;
  /** Settlement lines read. */
  lines: number;
  /** Items per kind (every kind present, zero when none). */
  counts: Record<ItemKind, number>;
  /** Items that are mismatches. */
  mismatches: number;
}
