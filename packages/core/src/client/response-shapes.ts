import {
  isBillState,
  isResultKey,
  type Bill,
  type CreateBillResponse,
  type ResultPublicKey,
  type ResultResponse,
  type UnsignedPendingResponse,
} from '@coinslot/protocol';
import { isRecord } from '../internal/guards.js';

/**
 * Shape checks of pay-server answers. They only guard core against answers it cannot use; the values that
 * decide anything come from the signed result, never from these unsigned bodies.
 */
function fail(what: string): never {
  throw new TypeError(`expected ${what}`);
}

function billOf(value: unknown): Bill {
  if (!isRecord(value) || typeof value.id !== 'string' || !isBillState(value.state)) {
    fail('a bill with an id and a state');
  }
  return value as unknown as Bill;
}

/** `{ bill }` */
export function expectBill(body: unknown): Bill {
  return billOf(isRecord(body) ? body.bill : undefined);
}

/** `{ bills: [...] }` */
export function expectBills(body: unknown): Bill[] {
  if (!isRecord(body) || !Array.isArray(body.bills)) fail('a bill list');
  return body.bills.map(billOf);
}

/** `{ bill, launch, billToken }` */
export function expectCreated(body: unknown): CreateBillResponse {
  if (!isRecord(body)) fail('an object');
  const launch = body.launch ?? {};
  if (!isRecord(launch)) fail('a launch object');
  if (typeof body.billToken !== 'string' || body.billToken === '') fail('a bill token');
  return { bill: billOf(body.bill), launch, billToken: body.billToken };
}

/** `{ state, settled, result }` */
export function expectResult(body: unknown): ResultResponse {
  if (!isRecord(body) || typeof body.result !== 'string') fail('a signed result');
  return body as unknown as ResultResponse;
}

/** `{ state, settled, result }`, or `{ state: 'created', settled: false }` alone: "still pending", unsigned. */
export function expectResultOrPending(body: unknown): ResultResponse | UnsignedPendingResponse {
  return isRecord(body) && body.result === undefined && body.state === 'created' && body.settled === false
    ? (body as unknown as UnsignedPendingResponse)
    : expectResult(body);
}

/** `{ bill, alreadyDelivered }` */
export function expectDelivered(body: unknown): { bill: Bill; alreadyDelivered: boolean } {
  if (!isRecord(body) || typeof body.alreadyDelivered !== 'boolean') fail('alreadyDelivered');
  return { bill: billOf(body.bill), alreadyDelivered: body.alreadyDelivered };
}

/** `{ keys: [...] }`; keys without a `kid` or with another `alg` are dropped. */
export function expectKeys(body: unknown): ResultPublicKey[] {
  if (!isRecord(body) || !Array.isArray(body.keys)) fail('a key list');
  return body.keys.filter(isResultKey);
}
