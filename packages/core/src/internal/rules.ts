import { isBillId } from '@coinslot/protocol';
import { CoinslotError } from '../errors/coinslot-error.js';
import { isRecord } from './guards.js';

/** A check of one value (`record`: the object it belongs to, for a rule that depends on another field). */
export type Check = (value: unknown, record: Record<string, unknown>) => boolean;

/**
 * One field's rule: its name, its check, and what it must be, for the message `<field> must be <expected>`.
 * A field whose rule has `optional` may also be absent (`undefined`).
 */
export type Rule = readonly [field: string, check: Check, expected: string, optional?: 'optional'];

/** A string of `min` to `max` characters. */
export const isText =
  (max: number, min = 1) =>
  (value: unknown): boolean =>
    typeof value === 'string' && value.length >= min && value.length <= max;

/** A safe integer from `min` to `max`. */
export const isIntIn =
  (min: number, max: number) =>
  (value: unknown): boolean =>
    Number.isSafeInteger(value) && (value as number) >= min && (value as number) <= max;

/** A finite number above zero. */
export const isPositive: Check = (value) => typeof value === 'number' && value > 0 && Number.isFinite(value);

/** A function. */
export const isFunction: Check = (value) => typeof value === 'function';

/** What is wrong with `record` by `rules` (the first broken rule), or `undefined` when nothing is. */
export function brokenRule(record: Record<string, unknown>, rules: readonly Rule[]): string | undefined {
  const broken = rules.find(
    ([field, check, , optional]) => !(optional && record[field] === undefined) && !check(record[field], record),
  );
  return broken && `${broken[0]} must be ${broken[2]}`;
}

/** `deadlineMs` of a purchase, a resume or a recovery. */
export const DEADLINE_RULE: Rule = ['deadlineMs', isPositive, 'a positive number', 'optional'];

/** `signal` of a purchase. Duck-typed: a signal from another realm or a polyfill fails `instanceof AbortSignal`. */
export const SIGNAL_RULE: Rule = [
  'signal',
  (s) => isRecord(s) && typeof s.aborted === 'boolean' && typeof s.addEventListener === 'function',
  'an AbortSignal',
  'optional',
];

/** Throw `INVALID_REQUEST` for a bill id given to `resume`, `deliver` or a grant ledger that is not the protocol's. */
export function assertBillId(billId: unknown): asserts billId is string {
  if (!isBillId(billId)) {
    throw new CoinslotError(
      'INVALID_REQUEST',
      `Invalid bill id ${JSON.stringify(billId)}: expected 1–64 characters of A-Z, a-z, 0-9, _ and -.`,
    );
  }
}
