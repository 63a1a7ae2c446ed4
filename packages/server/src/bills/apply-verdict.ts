import { canTransition, type Bill } from '@coinslot/protocol';
import type { ChannelVerdict } from '../drivers/channel-driver.js';
import { invalidTransition } from '../http/protocol-error.js';
import type { BillService } from './bill-service.js';

/** Whether `bill` already shows what `verdict` says (a retried notification or report). */
function alreadyApplied(bill: Bill, verdict: ChannelVerdict): boolean {
  if (verdict.transition === 'paid') return bill.state === 'paid' || bill.state === 'delivered';
  return bill.state === verdict.transition;
}

/**
 * Why a verified verdict does not fit the stored `bill` — another bill, channel, amount or currency — for the
 * log; `undefined` when it fits. `channel` is the driver that spoke.
 */
export function verdictMismatch(bill: Bill, verdict: ChannelVerdict, channel: string): string | undefined {
  if (verdict.billId !== bill.id) return `the verdict is about bill ${verdict.billId}`;
  if (channel !== bill.channel) return `the bill belongs to channel ${bill.channel}, not ${channel}`;
  if (verdict.amount !== bill.amount) return `amount ${verdict.amount} differs from the bill's ${bill.amount}`;
  if (verdict.currency !== bill.currency)
    return `currency ${verdict.currency} differs from the bill's ${bill.currency}`;
  return undefined;
}

/**
 * Applies a verified channel verdict to `bill`: `created` → the verdict's state, or a late verified payment on an
 * `expired` or `cancelled` bill → `paid` (see `bill-states.ts`). A repeat of what is already stored changes
 * nothing; any other state answers `409 INVALID_TRANSITION`. Safe against concurrent changes: when the
 * compare-and-set loses, the winner's state decides.
 */
export async function applyVerdict(
  bills: BillService,
  bill: Bill,
  verdict: ChannelVerdict,
): Promise<{ bill: Bill; changed: boolean }> {
  if (alreadyApplied(bill, verdict)) return { bill, changed: false };
  if (!canTransition(bill.state, verdict.transition))
    throw invalidTransition(bill.state, `apply ${verdict.transition} to`);
  const patch = verdict.transition === 'failed' ? { failureReason: verdict.reason ?? 'declined' } : {};
  const outcome = await bills.move(bill, verdict.transition, patch);
  if (outcome.applied) return { bill: outcome.bill, changed: true };
  const current = outcome.bill ?? bill;
  if (alreadyApplied(current, verdict)) return { bill: current, changed: false };
  throw invalidTransition(current.state, `apply ${verdict.transition} to`);
}
