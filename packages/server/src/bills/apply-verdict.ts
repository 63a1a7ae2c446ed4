import { canTransition, isReversedState, type Bill } from '@coinslot/protocol';
import { channelActor } from '../activity/actor.js';
import type { NotificationVerdict } from '../drivers/channel-driver.js';
import { invalidTransition } from '../http/protocol-error.js';
import { UNPAID_SETTLED_STATES } from '../store/bill-store.js';
import type { BillService, TransitionPatch } from './bill-service.js';

/**
 * Whether `bill` already shows what `verdict` says (a retried notification or report, §1 "repeats"):
 * - an unpaid outcome (`failed`, `cancelled`) by any bill settled unpaid (`failed`, `cancelled`, `expired`);
 * - a payment is shown by every state a paid bill can reach (`delivered`, `refunded`, `charged_back`);
 * - a refund by a `refunded` bill whose total is at least the verdict's (channels retry, and notifications of two
 *   partial refunds may arrive in either order: the larger running total wins), and by a `charged_back` bill —
 *   a chargeback is final and already gave the money back, so a later refund changes nothing (answered `200`,
 *   since a `409` would make the channel retry it for days; the notify route logs it for an operator).
 */
export function alreadyApplied(bill: Bill, verdict: NotificationVerdict): boolean {
  switch (verdict.transition) {
    case 'paid':
      return bill.state === 'paid' || bill.state === 'delivered' || isReversedState(bill.state);
    case 'refunded':
      if (bill.state === 'charged_back') return true;
      return bill.state === 'refunded' && verdict.refundedAmount <= (bill.refundedAmount ?? bill.amount);
    default:
      // An unpaid outcome (declined, closed) for a bill already settled unpaid says nothing new: a provider closing
      // its trade after the bill expired, or declining after the player cancelled, is answered as a repeat (§1).
      return bill.state === verdict.transition || (isUnpaidSettled(bill.state) && isUnpaidSettled(verdict.transition));
  }
}

const isUnpaidSettled = (state: Bill['state']): boolean => UNPAID_SETTLED_STATES.includes(state);

/**
 * Why a verified verdict does not fit the stored `bill` — another bill, channel, amount or currency, or a refund
 * total outside 1–amount — for the log; `undefined` when it fits. `channel` is the driver that spoke.
 */
export function verdictMismatch(bill: Bill, verdict: NotificationVerdict, channel: string): string | undefined {
  if (verdict.billId !== bill.id) return `the verdict is about bill ${verdict.billId}`;
  if (channel !== bill.channel) return `the bill belongs to channel ${bill.channel}, not ${channel}`;
  if (verdict.amount !== bill.amount) return `amount ${verdict.amount} differs from the bill's ${bill.amount}`;
  if (verdict.currency !== bill.currency)
    return `currency ${verdict.currency} differs from the bill's ${bill.currency}`;
  if (verdict.transition === 'refunded') {
    const refunded = verdict.refundedAmount;
    if (!Number.isSafeInteger(refunded) || refunded < 1 || refunded > bill.amount)
      return `refundedAmount ${refunded} is not between 1 and the bill's amount ${bill.amount}`;
  }
  return undefined;
}

/** What the verdict's transition sets besides the state (and the channel's trade number, for the activity log). */
function patchFor(verdict: NotificationVerdict): TransitionPatch {
  const tradeNo = verdict.channelTradeNo ? { channelTradeNo: verdict.channelTradeNo } : {};
  return { ...statePatch(verdict), ...tradeNo };
}

function statePatch(verdict: NotificationVerdict): TransitionPatch {
  switch (verdict.transition) {
    case 'failed':
      return { failureReason: verdict.reason ?? 'declined' };
    case 'refunded':
      return { refundedAmount: verdict.refundedAmount, ...(verdict.reason ? { reversalReason: verdict.reason } : {}) };
    case 'charged_back':
      return verdict.reason ? { reversalReason: verdict.reason } : {};
    default:
      return {};
  }
}

/**
 * How often a verdict is re-applied after losing the compare-and-set to a concurrent change. Each loss means another
 * change of this bill was stored, so this bounds a burst of changes to one bill; past it the verdict answers `409`
 * and the channel retries it later (nothing is lost).
 */
const MAX_ATTEMPTS = 8;

/**
 * Applies a verified channel verdict to `bill` (§1): `created` → the verdict's state; a late verified payment on an
 * `expired` or `cancelled` bill → `paid`; a reversal on a `paid`, `delivered` or `refunded` bill → `refunded`
 * (raising `refundedAmount`) or `charged_back`. A repeat of what is already stored changes nothing (see
 * {@link alreadyApplied}); any other state answers `409 INVALID_TRANSITION` — also a reversal of a payment the
 * server has not seen yet (a refund notified before the payment): the channel retries it after the `409`, and it
 * applies once the payment's notification has arrived.
 *
 * Safe against concurrent changes, in this process or on other instances over one store: the store's compare-and-set
 * covers the state and the refund total (bill-store.ts), so a write built from a stale read is refused; the bill is
 * then re-read and the verdict decided again on the winner's bill. Concurrent partial refunds therefore end at the
 * largest total, with one `bill.refunded` event per raise that was stored, and a chargeback keeps the latest total.
 */
export async function applyVerdict(
  bills: BillService,
  bill: Bill,
  verdict: NotificationVerdict,
  actor: string = channelActor(bill.channel),
): Promise<{ bill: Bill; changed: boolean }> {
  let current = bill;
  for (let attempt = 1; ; attempt += 1) {
    if (alreadyApplied(current, verdict)) return { bill: current, changed: false };
    if (!canTransition(current.state, verdict.transition) || attempt > MAX_ATTEMPTS)
      throw invalidTransition(current.state, `apply ${verdict.transition} to`);
    const outcome = await bills.move(current, verdict.transition, patchFor(verdict), actor);
    if (outcome.applied) return { bill: outcome.bill, changed: true };
    current = outcome.bill ?? current;
  }
}

/**
 * A payment verdict applied without reading the bill first, where the store can (`BillService.moveIfMatches`): the
 * common notification — a `created` bill of this app, channel, amount and currency, not due to expire — checked
 * by the store as it changes the bill, in one round trip instead of a read and a compare-and-set. Answers
 * `undefined` for anything else (another verdict, a store that cannot, a bill that does not match: nothing
 * changed), and the notify route reads the bill and decides as {@link applyVerdict} does, refusals and repeats
 * included. What it applies is what that path would: `created` → `paid` is the first case of {@link applyVerdict}.
 */
export async function applyPaymentUnread(
  bills: BillService,
  appId: string,
  channel: string,
  verdict: NotificationVerdict,
  actor: string = channelActor(channel),
): Promise<{ bill: Bill; changed: true } | undefined> {
  if (verdict.transition !== 'paid') return undefined;
  const matches = { channel, amount: verdict.amount, currency: verdict.currency };
  const bill = await bills.moveIfMatches(
    verdict.billId,
    { appId, from: 'created', matches },
    'paid',
    patchFor(verdict),
    actor,
  );
  return bill && { bill, changed: true };
}
