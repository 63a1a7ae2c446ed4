import { canTransition, isReversedState, type BillState } from '@coinslot/protocol';
import type { CreatedBill } from './bill-factory.js';
import { checkEqual } from './check-failure.js';
import type { CheckContext } from './check-context.js';
import { expectError, expectStatus } from './expect-answer.js';
import type { Answer } from './http-client.js';

/** A request that asks for a transition: a sandbox notification or an endpoint of §2. */
export interface TransitionAction {
  name: string;
  target: BillState;
  /** A channel's statement (a notification), not a client's or the game's request. */
  fromChannel?: boolean;
  send(ctx: CheckContext, created: CreatedBill): Promise<Answer>;
}

const notify =
  (decision: 'approve' | 'decline' | 'cancel') =>
  (ctx: CheckContext, { bill }: CreatedBill) =>
    ctx.sandbox.notify({ ...ctx.sandbox.statement(bill, decision) });

/** Every transition a client or channel can ask for. `expired` is never asked for: the server applies it. */
export const TRANSITION_ACTIONS: readonly TransitionAction[] = [
  { name: 'an approve notification', target: 'paid', fromChannel: true, send: notify('approve') },
  { name: 'a decline notification', target: 'failed', fromChannel: true, send: notify('decline') },
  { name: 'a cancel notification', target: 'cancelled', fromChannel: true, send: notify('cancel') },
  {
    name: 'a full refund notification',
    target: 'refunded',
    fromChannel: true,
    send: (ctx, { bill }) => ctx.sandbox.notify(ctx.sandbox.reversal(bill, 'refund', bill.amount)),
  },
  {
    name: 'a chargeback notification',
    target: 'charged_back',
    fromChannel: true,
    send: (ctx, { bill }) => ctx.sandbox.notify(ctx.sandbox.reversal(bill, 'chargeback')),
  },
  {
    name: 'POST …/cancel',
    target: 'cancelled',
    send: (ctx, { bill }) => ctx.http.call(`/v1/bills/${bill.id}/cancel`, { json: { reason: 'closed' } }),
  },
  {
    name: 'POST …/deliver',
    target: 'delivered',
    send: (ctx, { bill }) => ctx.http.call(`/v1/bills/${bill.id}/deliver`, { json: {} }),
  },
];

/** What §1 says a request for `target` does to a bill in `from`. */
export type TransitionKind = 'applied' | 'repeat' | 'forbidden';

const UNPAID: readonly BillState[] = ['failed', 'cancelled', 'expired'];

/**
 * A repeat when the bill already shows the outcome — a payment is also shown by `delivered` and by a reversed
 * bill, a refund by a `charged_back` one (final), and a channel's unpaid outcome (a decline, a close) by any bill
 * settled unpaid — else the table decides. The matrix's refund is of the whole amount, so on a bill `refunded` in
 * part it raises the total: `refunded → refunded` is applied.
 */
export function transitionKind(from: BillState, target: BillState, fromChannel = false): TransitionKind {
  if (fromChannel && UNPAID.includes(from) && UNPAID.includes(target)) return 'repeat';
  if (target === 'paid' && (from === 'delivered' || isReversedState(from))) return 'repeat';
  if (target === 'refunded' && from === 'charged_back') return 'repeat';
  if (from === target && target !== 'refunded') return 'repeat';
  return canTransition(from, target) ? 'applied' : 'forbidden';
}

/** Sends `action` to `created` (a bill in `from`) and fails unless the answer and the stored state follow §1. */
export async function expectTransition(
  ctx: CheckContext,
  created: CreatedBill,
  from: BillState,
  action: TransitionAction,
): Promise<void> {
  const kind = transitionKind(from, action.target, action.fromChannel);
  const what = `${action.name} on a ${from} bill`;
  const answer = await action.send(ctx, created);
  if (kind === 'forbidden') expectError(answer, 'INVALID_TRANSITION', what, { state: from });
  else expectStatus(answer, 200, what);
  const after = (await ctx.bills.read(created.bill.id)).state;
  checkEqual(after, kind === 'applied' ? action.target : from, `the stored state after ${what}`);
}
