import type { Bill } from '@coinslot/protocol';
import type { SettlementRecord } from '../drivers/settlement.js';
import { type ItemKind, NEIGHBOUR_MARGIN_MS, type ReconciliationItem } from './reconciliation-types.js';

/** The day's window, `[from, to)` ms since epoch. */
export interface DayWindow {
  from: number;
  to: number;
}

const inDay = (t: number | undefined, day: DayWindow) => t !== undefined && t >= day.from && t < day.to;
/** In the day but not in its last margin (which the channel may book on the next day). */
const settledInDay = (t: number | undefined, day: DayWindow) =>
  inDay(t, { from: day.from, to: day.to - NEIGHBOUR_MARGIN_MS });

/** The lines summed by kind. */
function sums(lines: readonly SettlementRecord[]) {
  const total = (kind: SettlementRecord['kind']) =>
    lines.filter((line) => line.kind === kind).reduce((sum, line) => sum + line.amount, 0);
  return { paid: total('payment'), refunded: total('refund'), chargedBack: total('chargeback') };
}

/** The kind and reason of a bill (or none) against its lines of the day. */
function verdict(bill: Bill | undefined, lines: readonly SettlementRecord[], day: DayWindow): [ItemKind, string] {
  const { paid, refunded, chargedBack } = sums(lines);
  const hasPayment = lines.some((line) => line.kind === 'payment');
  if (!bill) return ['missing-here', 'the channel settled it but there is no such bill here'];
  if (hasPayment && bill.paidAt === undefined) return ['missing-here', `paid at the channel, ${bill.state} here`];
  if (lines.length === 0 && inDay(bill.paidAt, day)) {
    return bill.paidAt! >= day.to - NEIGHBOUR_MARGIN_MS
      ? ['deferred', 'paid here near the day’s end; expected in the next day’s settlement']
      : ['missing-at-channel', `${bill.state} here, no payment line at the channel`];
  }
  if (lines.some((line) => line.currency !== bill.currency)) {
    return ['currency-mismatch', `the channel settled ${lines[0]!.currency}, the bill is in ${bill.currency}`];
  }
  if (hasPayment && paid !== bill.amount)
    return ['amount-mismatch', `the channel settled ${paid}, the bill is ${bill.amount}`];
  if (chargedBack > 0 && bill.state !== 'charged_back')
    return ['state-mismatch', `charged back at the channel, ${bill.state} here`];
  if (refunded > 0 && bill.state !== 'refunded' && bill.state !== 'charged_back') {
    return ['state-mismatch', `refunded ${refunded} at the channel, ${bill.state} here`];
  }
  const here = bill.refundedAmount ?? 0;
  // With the payment in the same day's lines they cover the bill's whole history: the refund totals must agree.
  if (refunded > 0 && ((hasPayment && refunded !== here) || refunded > here)) {
    return ['state-mismatch', `the channel refunded ${refunded}, ${here} here`];
  }
  if (refunded === 0 && bill.state === 'refunded' && settledInDay(bill.refundedAt, day)) {
    return ['state-mismatch', `refunded ${here} here, no refund line at the channel`];
  }
  if (chargedBack === 0 && bill.state === 'charged_back' && settledInDay(bill.chargedBackAt, day)) {
    return ['state-mismatch', 'charged back here, no chargeback line at the channel'];
  }
  // No line, and its refund or chargeback here fell in the day's last margin: the next day's settlement has it.
  if (lines.length === 0)
    return ['deferred', 'reversed here near the day’s end; expected in the next day’s settlement'];
  return ['matched', 'the channel settled what the bill says'];
}

/** The item of `bill` (or of lines naming no known bill) against its lines of the day. */
export function classifyBill(
  bill: Bill | undefined,
  billId: string | undefined,
  lines: readonly SettlementRecord[],
  day: DayWindow,
): ReconciliationItem {
  const [kind, detail] = verdict(bill, lines, day);
  const { paid, refunded, chargedBack } = sums(lines);
  return {
    kind,
    billId: bill?.id ?? billId ?? null,
    channelTradeNo: lines.find((line) => line.channelTradeNo !== undefined)?.channelTradeNo ?? null,
    billState: bill?.state ?? null,
    billAmount: bill?.amount ?? null,
    billCurrency: bill?.currency ?? null,
    channelPaid: paid,
    channelRefunded: refunded,
    channelChargedBack: chargedBack,
    channelCurrency: lines[0]?.currency ?? null,
    detail,
    lines: [...lines],
  };
}
