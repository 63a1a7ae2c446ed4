import type { SignedResultHeader, SignedResultPayload } from '../wire-types.js';

/** Every member of a signed result's payload, in the order the reference server writes them (§4). */
export const SIGNED_RESULT_MEMBERS = [
  'v',
  'billId',
  'userId',
  'itemId',
  'quantity',
  'amount',
  'currency',
  'channel',
  'state',
  'failureReason',
  'passThrough',
  'refundedAmount',
  'nonce',
  'iat',
  'kid',
] as const satisfies readonly (keyof SignedResultPayload)[];

/** Every member of a signed result's protected header (§4): no other is allowed. */
export const SIGNED_RESULT_HEADER_MEMBERS = [
  'alg',
  'kid',
  'typ',
] as const satisfies readonly (keyof SignedResultHeader)[];

// Fails to compile when the payload type gains a member this list lacks.
const complete: keyof SignedResultPayload extends (typeof SIGNED_RESULT_MEMBERS)[number] ? true : never = true;
void complete;
