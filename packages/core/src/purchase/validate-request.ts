import { CoinslotError } from '../errors/coinslot-error.js';
import { isRecord } from '../internal/guards.js';
import type { PurchaseRequest } from './purchase-types.js';

/** The protocol's channel id and bill id syntax (`docs/protocol.md` §1). */
export const CHANNEL_ID = /^[a-z0-9][a-z0-9-]{0,39}$/;
export const BILL_ID = /^[A-Za-z0-9_-]{1,64}$/;

const KNOWN_FIELDS = new Set(['channel', 'userId', 'itemId', 'quantity', 'amount', 'currency', 'passThrough', 'extra', 'signal', 'deadlineMs']);
const MAX_EXTRA_BYTES = 4096;

const isText = (value: unknown, max: number): boolean => typeof value === 'string' && value.length >= 1 && value.length <= max;
const isIntIn = (value: unknown, min: number, max: number): boolean =>
  Number.isSafeInteger(value) && (value as number) >= min && (value as number) <= max;

// Duck-typed: a signal from another realm or a polyfill fails `instanceof AbortSignal`.
const isSignal = (value: unknown): boolean =>
  isRecord(value) && typeof value.aborted === 'boolean' && typeof value.addEventListener === 'function';

function problemOf(request: unknown): string | undefined {
  if (!isRecord(request)) return 'the request must be an object';
  const unknown = Object.keys(request).find((key) => !KNOWN_FIELDS.has(key));
  if (unknown !== undefined) return `unknown field "${unknown}"`;
  const r = request as Partial<Record<keyof PurchaseRequest, unknown>>;
  if (typeof r.channel !== 'string' || !CHANNEL_ID.test(r.channel)) return 'channel must be a channel id (lower-case letters, digits, dashes)';
  if (!isText(r.userId, 128)) return 'userId must be a string of 1–128 characters';
  if (!isText(r.itemId, 128)) return 'itemId must be a string of 1–128 characters';
  if (r.quantity !== undefined && !isIntIn(r.quantity, 1, 10_000)) return 'quantity must be an integer from 1 to 10000';
  if (!isIntIn(r.amount, 0, 1e12)) return 'amount must be an integer from 0 to 10^12, in minor units (cents)';
  if (typeof r.currency !== 'string' || !/^[A-Z]{3}$/.test(r.currency)) return 'currency must be an ISO 4217 code such as USD';
  if (r.passThrough !== undefined && (typeof r.passThrough !== 'string' || r.passThrough.length > 1024)) return 'passThrough must be a string of at most 1024 characters';
  if (r.extra !== undefined) {
    let size = Infinity;
    try {
      size = isRecord(r.extra) ? new TextEncoder().encode(JSON.stringify(r.extra)).length : Infinity;
    } catch {
      // Not serialisable (a cycle, a BigInt): size stays Infinity.
    }
    if (size > MAX_EXTRA_BYTES) return `extra must be a JSON object of at most ${MAX_EXTRA_BYTES} bytes`;
  }
  if (r.deadlineMs !== undefined && !(typeof r.deadlineMs === 'number' && r.deadlineMs > 0 && Number.isFinite(r.deadlineMs))) return 'deadlineMs must be a positive number';
  if (r.signal !== undefined && !isSignal(r.signal)) return 'signal must be an AbortSignal';
  return undefined;
}

/** Check a purchase request before anything happens; answers the `INVALID_REQUEST` error, or `undefined`. */
export function validatePurchaseRequest(request: unknown): CoinslotError | undefined {
  const problem = problemOf(request);
  return problem === undefined ? undefined : new CoinslotError('INVALID_REQUEST', `Invalid purchase request: ${problem}.`);
}

/** Check a bill id given to `resume` or `deliver`. */
export function validateBillId(billId: unknown): CoinslotError | undefined {
  return typeof billId === 'string' && BILL_ID.test(billId)
    ? undefined
    : new CoinslotError('INVALID_REQUEST', `Invalid bill id ${JSON.stringify(billId)}: expected 1–64 characters of A-Z, a-z, 0-9, _ and -.`);
}
