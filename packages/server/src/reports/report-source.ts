import type { Bill } from '@coinslot/protocol';
import type { OffsetSpan } from './time-zone.js';

/**
 * What one report reads: bills whose timestamp falls in `[from, to)` (ms since epoch), bucketed into local days by
 * `spans` (time-zone.ts), of one game or of every game.
 */
export interface ReportWindow {
  from: number;
  to: number;
  /** The offsets covering `[from, to)`, oldest first. */
  spans: readonly OffsetSpan[];
  /** One game's bills only (`bill.appId`, `default` when unset); absent: every game. */
  app?: string;
}

/** Money that moved on one local day, in one currency: `amount` in its minor units. */
export interface MoneyRow {
  day: number;
  app: string;
  channel: string;
  currency: string;
  /** ISO 3166-1 alpha-2, or `''` when the bill has none. */
  country: string;
  /** Bills counted. */
  count: number;
  amount: number;
}

/** Bills created on one local day, by how far they got and how they ended. */
export interface FunnelRow {
  day: number;
  app: string;
  channel: string;
  /** The state the bills are in now. */
  state: Bill['state'];
  /** `failureReason` of failed bills, `''` otherwise. */
  reason: string;
  created: number;
  launched: number;
  paid: number;
  delivered: number;
}

/** Paying players (distinct `userId` of bills paid in the window) of one game, in one currency or in all. */
export interface PayerRow {
  app: string;
  /** A currency, or `''` for the game's players in any currency. */
  currency: string;
  payers: number;
  bills: number;
  /** The gross paid, in `currency`'s minor units (0 for the any-currency row: sums never mix currencies). */
  gross: number;
}

/** Bills paid in the window, per channel and currency, and how many of them were reversed since. */
export interface ReversalRow {
  app: string;
  channel: string;
  currency: string;
  paid: number;
  paidAmount: number;
  refunded: number;
  refundedAmount: number;
  chargedBack: number;
  chargedBackAmount: number;
}

/** A page of bills still `paid` (not delivered) since before a moment, and how many there are in all. */
export interface UndeliveredPage {
  total: number;
  bills: Bill[];
}

/**
 * The aggregate queries the reports are built from, one per figure, each answered by the store (index-backed SQL
 * for SQLite and PostgreSQL, a walk over the bills in memory). Sums are per currency, in minor units.
 *
 * Money is counted on the day it moved: gross on `paidAt`, refunds (`refundedAmount`) on `refundedAt`,
 * chargebacks (`amount` − `refundedAmount`) on `chargedBackAt`. The funnel counts bills by their `createdAt`.
 */
export interface ReportSource {
  /** Gross payments by `paidAt`. */
  paid(window: ReportWindow): Promise<MoneyRow[]>;
  /** Refunds by `refundedAt`. */
  refunded(window: ReportWindow): Promise<MoneyRow[]>;
  /** Chargebacks by `chargedBackAt`. */
  chargedBack(window: ReportWindow): Promise<MoneyRow[]>;
  /** Bills by `createdAt`, grouped by state and failure reason, with the milestones they reached. */
  funnel(window: ReportWindow): Promise<FunnelRow[]>;
  /** Paying players by game and currency, and by game alone, for bills paid in the window. */
  payers(window: ReportWindow): Promise<PayerRow[]>;
  /** Bills paid in the window by channel and currency, with their reversals since. */
  reversals(window: ReportWindow): Promise<ReversalRow[]>;
  /** Bills still `paid` with `paidAt` < `paidBefore`, oldest first, at most `limit`. */
  undelivered(paidBefore: number, app: string | undefined, limit: number): Promise<UndeliveredPage>;
}

/** The game a bill belongs to: `appId`, or `default` on a single-game server. */
export function appOf(bill: Bill): string {
  return (bill as Bill & { appId?: string }).appId ?? 'default';
}

/** The bill's country (ISO 3166-1 alpha-2), or `''`. */
export function countryOf(bill: Bill): string {
  return (bill as Bill & { country?: string }).country ?? '';
}

/** When the bill's checkout was launched, if recorded. */
export function launchedAtOf(bill: Bill): number | undefined {
  return (bill as Bill & { launchedAt?: number }).launchedAt;
}
