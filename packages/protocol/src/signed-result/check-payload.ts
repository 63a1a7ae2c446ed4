import { isRecord } from '../is-record.js';
import { isBillState } from '../bill-states.js';

const STRING_FIELDS = ['userId', 'itemId', 'currency', 'channel'] as const;

/**
 * The payload rules of protocol §4 (5–7) plus field types, so nothing downstream trusts a malformed value.
 * Answers what is wrong, or `undefined` when the payload is acceptable.
 */
export function checkPayload(
  payload: unknown,
  expect: { billId: string; nonce: string; kid: string },
): string | undefined {
  if (!isRecord(payload)) return 'the payload does not parse';
  if (payload.v !== 1) return `result version ${String(payload.v)} is not 1`;
  if (payload.kid !== expect.kid) return 'the payload kid differs from the header kid';
  if (payload.billId !== expect.billId) return `it is for bill ${String(payload.billId)}, not ${expect.billId}`;
  if (payload.nonce !== expect.nonce) return 'its nonce is not the one this request sent (a replayed answer?)';
  if (!isBillState(payload.state)) return `state ${String(payload.state)} is not a bill state`;
  for (const field of STRING_FIELDS) {
    if (typeof payload[field] !== 'string') return `${field} is not a string`;
  }
  if (!Number.isInteger(payload.quantity) || !Number.isInteger(payload.amount))
    return 'quantity or amount is not an integer';
  if (!Number.isFinite(payload.iat)) return 'iat is not a number';
  for (const field of ['failureReason', 'passThrough'] as const) {
    const value = payload[field];
    if (value !== null && value !== undefined && typeof value !== 'string') return `${field} is not a string or null`;
  }
  return checkRefundedAmount(payload.state, payload.refundedAmount, payload.amount as number);
}

/** A refunded bill names its refunded amount (1–amount); any other state has none (`null`, or omitted). */
function checkRefundedAmount(state: string, refunded: unknown, amount: number): string | undefined {
  if (state !== 'refunded')
    return refunded === null || refunded === undefined ? undefined : 'refundedAmount on a bill not refunded';
  if (!Number.isInteger(refunded) || (refunded as number) < 1 || (refunded as number) > amount)
    return 'a refunded result needs refundedAmount between 1 and amount';
  return undefined;
}
