import { configError } from './config-error.js';

/** A JSON object read from the configuration file. */
export type Raw = Record<string, unknown>;

/** The dotted path of `key` under `parent` (`auth` + `issuer` → `auth.issuer`). */
export const at = (parent: string, key: string | number): string =>
  typeof key === 'number' ? `${parent}[${key}]` : parent === '' ? key : `${parent}.${key}`;

export const has = (raw: Raw, key: string): boolean => Object.hasOwn(raw, key) && raw[key] !== undefined;

/** Whether `value` is a plain JSON object. */
export const isObject = (value: unknown): value is Raw =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `value` as an object, or an error naming `field`. */
export function objectAt(value: unknown, field: string): Raw {
  if (!isObject(value)) throw configError(field, 'must be a JSON object');
  return value;
}

/** Refuses a key that is not in `allowed`, so a typo never passes silently. */
export function rejectUnknown(raw: Raw, field: string, allowed: readonly string[]): void {
  const unknown = Object.keys(raw).find((key) => !allowed.includes(key));
  if (unknown !== undefined)
    throw configError(at(field, unknown), `is not a setting here (known: ${allowed.join(', ')})`);
}

/**
 * A section the server resolves itself (`query`, `activity`): unknown keys refused, then `resolve` — the function
 * `createPayServer` applies — run for its checks, whose `Invalid <section>.<key>: …` comes back naming the field in
 * the file. Absent: `{}` (every default).
 */
export function resolvedSection<T extends object>(
  value: unknown,
  field: string,
  allowed: readonly string[],
  section: string,
  resolve: (options: T) => unknown,
): T {
  if (value === undefined) return {} as T;
  const raw = objectAt(value, field);
  rejectUnknown(raw, field, allowed);
  try {
    resolve(raw as T);
  } catch (error) {
    const message = (error as Error).message;
    const named = new RegExp(`${section}\\.([\\w.[\\]]+)`).exec(message)?.[1];
    throw configError(named ? at(field, named) : field, message.replace(new RegExp(`^Invalid ${section}[^:]*: ?`), ''));
  }
  return raw as T;
}

/** An optional non-empty string. */
export function optionalString(raw: Raw, key: string, field: string): string | undefined {
  if (!has(raw, key)) return undefined;
  const value = raw[key];
  if (typeof value !== 'string' || value === '') throw configError(at(field, key), 'must be a non-empty string');
  return value;
}

/** An optional integer in `[min, max]`. */
export function optionalInteger(raw: Raw, key: string, field: string, min: number, max: number): number | undefined {
  if (!has(raw, key)) return undefined;
  const value = raw[key];
  if (!Number.isSafeInteger(value) || (value as number) < min || (value as number) > max) {
    throw configError(at(field, key), `must be an integer from ${min} to ${max}`);
  }
  return value as number;
}

/** An optional string that must be one of `values`. */
export function optionalOneOf<T extends string>(
  raw: Raw,
  key: string,
  field: string,
  values: readonly T[],
): T | undefined {
  if (!has(raw, key)) return undefined;
  const value = raw[key];
  if (typeof value !== 'string' || !(values as readonly string[]).includes(value)) {
    throw configError(at(field, key), `must be one of ${values.map((v) => JSON.stringify(v)).join(', ')}`);
  }
  return value as T;
}

/** An optional list of strings each passing `check` (which says what it wants), or `'*'` when `star` allows it. */
export function optionalList(
  raw: Raw,
  key: string,
  field: string,
  check: (value: unknown) => boolean,
  wants: string,
): string[] | '*' | undefined {
  if (!has(raw, key)) return undefined;
  const value = raw[key];
  if (value === '*') return '*';
  if (!Array.isArray(value)) throw configError(at(field, key), `must be a list of ${wants}, or "*" in development`);
  value.forEach((item, index) => {
    if (!check(item)) throw configError(at(at(field, key), index), `must be ${wants}, not ${JSON.stringify(item)}`);
  });
  return value as string[];
}
