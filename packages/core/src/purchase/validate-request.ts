import { CoinslotError } from '../errors/coinslot-error.js';
import { isRecord } from '../internal/guards.js';
import { brokenRule, isIntIn, isPositive, isText, type Rule } from '../internal/rules.js';

/** The protocol's channel id and bill id syntax (`docs/protocol.md` §1). */
export const CHANNEL_ID = /^[a-z0-9][a-z0-9-]{0,39}$/;
export const BILL_ID = /^[A-Za-z0-9_-]{1,64}$/;

const MAX_EXTRA_BYTES = 4096;

/** `deadlineMs` of a purchase, a resume or a recovery. */
export const DEADLINE_RULE: Rule = ['deadlineMs', isPositive, 'a positive number', 'optional'];

function isSmallJson(extra: unknown): boolean {
  try {
    return isRecord(extra) && new TextEncoder().encode(JSON.stringify(extra)).length <= MAX_EXTRA_BYTES;
  } catch {
    return false; // not serialisable: a cycle, a BigInt
  }
}

const RULES: readonly Rule[] = [
  ['channel', (id) => typeof id === 'string' && CHANNEL_ID.test(id), 'a channel id (lower-case letters, digits, dashes)'],
  ['userId', isText(128), 'a string of 1–128 characters'],
  ['itemId', isText(128), 'a string of 1–128 characters'],
  ['quantity', isIntIn(1, 10_000), 'an integer from 1 to 10000', 'optional'],
  ['amount', isIntIn(0, 1e12), 'an integer from 0 to 10^12, in minor units (cents)'],
  ['currency', (code) => typeof code === 'string' && /^[A-Z]{3}$/.test(code), 'an ISO 4217 code such as USD'],
  ['passThrough', isText(1024, 0), 'a string of at most 1024 characters', 'optional'],
  ['extra', isSmallJson, `a JSON object of at most ${MAX_EXTRA_BYTES} bytes`, 'optional'],
  DEADLINE_RULE,
  // Duck-typed: a signal from another realm or a polyfill fails `instanceof AbortSignal`.
  ['signal', (s) => isRecord(s) && typeof s.aborted === 'boolean' && typeof s.addEventListener === 'function', 'an AbortSignal', 'optional'],
];
const FIELDS = new Set(RULES.map(([field]) => field));

function problemOf(request: unknown): string | undefined {
  if (!isRecord(request)) return 'the request must be an object';
  const unknown = Object.keys(request).find((key) => !FIELDS.has(key));
  return unknown === undefined ? brokenRule(request, RULES) : `unknown field "${unknown}"`;
}

/** Check a purchase request before anything happens; answers the `INVALID_REQUEST` error, or `undefined`. */
export function validatePurchaseRequest(request: unknown): CoinslotError | undefined {
  const problem = problemOf(request);
  return problem === undefined ? undefined : new CoinslotError('INVALID_REQUEST', `Invalid purchase request: ${problem}.`);
}

/** Throw `INVALID_REQUEST` for a bill id given to `resume`, `deliver` or a grant ledger that is not the protocol's. */
export function assertBillId(billId: unknown): asserts billId is string {
  if (typeof billId !== 'string' || !BILL_ID.test(billId)) {
    throw new CoinslotError('INVALID_REQUEST', `Invalid bill id ${JSON.stringify(billId)}: expected 1–64 characters of A-Z, a-z, 0-9, _ and -.`);
  }
}
