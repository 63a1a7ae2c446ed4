/** A check of one value. */
export type Check = (value: unknown) => boolean;

/**
 * One field's rule: its name, its check, and what it must be, for the message `<field> must be <expected>`.
 * A field whose rule has `optional` may also be absent (`undefined`).
 */
export type Rule = readonly [field: string, check: Check, expected: string, optional?: 'optional'];

/** A string of `min` to `max` characters. */
export const isText =
  (max: number, min = 1): Check =>
  (value) =>
    typeof value === 'string' && value.length >= min && value.length <= max;

/** A safe integer from `min` to `max`. */
export const isIntIn =
  (min: number, max: number): Check =>
  (value) =>
    Number.isSafeInteger(value) && (value as number) >= min && (value as number) <= max;

/** A finite number above zero. */
export const isPositive: Check = (value) => typeof value === 'number' && value > 0 && Number.isFinite(value);

/** A function. */
export const isFunction: Check = (value) => typeof value === 'function';

/** One of `values`. */
export const isOneOf =
  (values: readonly unknown[]): Check =>
  (value) =>
    values.includes(value);

/** What is wrong with `record` by `rules` (the first broken rule), or `undefined` when nothing is. */
export function brokenRule(record: Record<string, unknown>, rules: readonly Rule[]): string | undefined {
  const broken = rules.find(([field, check, , optional]) => !(optional && record[field] === undefined) && !check(record[field]));
  return broken && `${broken[0]} must be ${broken[2]}`;
}
