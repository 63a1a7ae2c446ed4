import type { Bill } from '@coinslot/protocol';
import type { SettlementRecord } from '../drivers/settlement.js';
import { classifyBill, type DayWindow } from './classify-bill.js';
import type { ReconciliationItem } from './reconciliation-types.js';

/** What {@link matchSettlement} compares. */
export interface MatchInput {
  /** The channel's lines of the day. */
  lines: readonly SettlementRecord[];
  day: DayWindow;
  /**
   * The game's bills of this channel paid, refunded or charged back within the day widened by the neighbour margin
   * on both sides (a bill paid just before midnight may be settled on either day).
   */
  billsNear: readonly Bill[];
  /** A bill of this game and channel by id, for a line naming a bill outside the window (a refund of an old payment). */
  getBill(id: string): Promise<Bill | undefined>;
}

const happenedIn = (bill: Bill, day: DayWindow) =>
  [bill.paidAt, bill.refundedAt, bill.chargedBackAt].some((t) => t !== undefined && t >= day.from && t < day.to);

/**
 * Matches a day's settlement lines to bills (docs/reconciliation.md): lines are grouped by the bill id they echo —
 * bills do not store the channel's trade number, so a line without a bill id matches nothing — and each group is
 * classified against its bill; then every bill that moved money here within the day and has no line is classified
 * alone (missing at the channel, deferred to the next day, or refunded here only). One item per bill, then one per
 * bill-less line; ordered by bill id for a stable answer.
 */
export async function matchSettlement(input: MatchInput): Promise<ReconciliationItem[]> {
  const near = new Map(input.billsNear.map((bill) => [bill.id, bill]));
  const groups = new Map<string, SettlementRecord[]>();
  const orphans: ReconciliationItem[] = [];
  for (const line of input.lines) {
    if (line.billId === undefined) {
      orphans.push(classifyBill(undefined, undefined, [line], input.day));
      continue;
    }
    const group = groups.get(line.billId);
    if (group) group.push(line);
    else groups.set(line.billId, [line]);
  }
  const items: ReconciliationItem[] = [];
  for (const [billId, lines] of groups) {
    const bill = near.get(billId) ?? (await input.getBill(billId));
    items.push(classifyBill(bill, billId, lines, input.day));
  }
  for (const bill of input.billsNear) {
    if (groups.has(bill.id) || !happenedIn(bill, input.day)) continue;
    items.push(classifyBill(bill, bill.id, [], input.day));
  }
  items.sort((a, b) => (a.billId! < b.billId! ? -1 : a.billId! > b.billId! ? 1 : 0));
  return [...items, ...orphans];
}
