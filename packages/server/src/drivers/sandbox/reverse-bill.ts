import type { Bill, BillState } from '@coinslot/protocol';
import { jsonResponse } from '../../http/json-response.js';
import { invalidTransition } from '../../http/protocol-error.js';
import { rejectUnknownFields, requiredInteger } from '../../validation/validators.js';
import type { DriverRouteContext } from '../channel-driver.js';
import { notifySelf } from './notify-self.js';
import type { SandboxSecret } from './sandbox-crypto.js';
import type { SandboxLedger } from './sandbox-ledger.js';
import type { SandboxReversal, SandboxReversalStatement } from './sandbox-reversals.js';

/** The states whose payment the sandbox can reverse: paid, delivered, or refunded in part. */
export const REVERSIBLE_STATES: readonly BillState[] = ['paid', 'delivered', 'refunded'];

/** How much of `bill` is refunded so far, in minor units. */
export const refundedSoFar = (bill: Readonly<Bill>) =>
  bill.state === 'refunded' ? (bill.refundedAmount ?? bill.amount) : 0;

/**
 * `POST /v1/sandbox/checkout/:billId/refund` with `{ "amount"? }` (this refund's part, 1 to what is left; default:
 * all that is left) and `…/chargeback` with `{}`: development controls that play the channel's server reversing a
 * payment. The sandbox sends itself a signed reversal notification through the real notify path (a refund names the
 * new running total); a bill whose payment cannot be reversed (not paid, charged back, refunded in full) answers
 * `409 INVALID_TRANSITION` before anything is sent.
 */
export async function reverseBill(
  request: Request,
  ctx: DriverRouteContext,
  { driverId, secret, ledger }: { driverId: string; secret: SandboxSecret; ledger: SandboxLedger },
  bill: Readonly<Bill>,
  reversal: SandboxReversal,
): Promise<Response> {
  const body = await ctx.readJson(request);
  rejectUnknownFields(body, reversal === 'refund' ? ['amount'] : []);
  const wanted = reversal === 'refund' ? 'refund' : 'charge back';
  if (!REVERSIBLE_STATES.includes(bill.state)) throw invalidTransition(bill.state, wanted);
  const statement: SandboxReversalStatement = {
    billId: bill.id,
    decision: reversal,
    amount: bill.amount,
    currency: bill.currency,
    issuedAt: ctx.now(),
  };
  if (reversal === 'refund') {
    const already = refundedSoFar(bill);
    const left = bill.amount - already;
    if (left < 1) throw invalidTransition(bill.state, 'refund more of');
    const part = body.amount === undefined ? left : requiredInteger(body, 'amount', 1, left);
    statement.refundedAmount = already + part;
    ledger.record(bill.id, 'refund', part, bill.currency, statement.issuedAt);
  } else ledger.record(bill.id, 'chargeback', bill.amount - refundedSoFar(bill), bill.currency, statement.issuedAt);
  const answer = await notifySelf(ctx, driverId, secret, statement);
  return answer.ok ? jsonResponse(200, { ok: true }) : answer;
}
