import { ProtocolError } from '../http/protocol-error.js';

/** A parsed JSON object body, or a query string turned into an object. */
export type Fields = Record<string, unknown>;

/** What a string field must look like. Lengths count Unicode code points. */
export interface StringRule {
  min?: number;
  max: number;
  pattern?: RegExp;
  /** How the rule reads in an error message, e.g. "1–64 chars of [A-Za-z0-9_-]". */
  describe?: string;
}

const has = (fields: Fields, field: string) => Object.hasOwn(fields, field);

function invalid(field: string, message: string): ProtocolError {
  return new ProtocolError('INVALID_FIELD', `${field} ${message}`, { field });
}

/** Refuses the first field not in `allowed` with `400 UNKNOWN_FIELD`, so a typo never passes silently. */
export function rejectUnknownFields(fields: Fields, allowed: readonly string[]): void {
  for (const field of Object.keys(fields)) {
    if (!allowed.includes(field)) {
      throw new ProtocolError('UNKNOWN_FIELD', `${field} is not a field of this request`, { field });
    }
  }
}

/** Refuses a missing field with `400 MISSING_FIELD`. */
export function requirePresent(fields: Fields, field: string): void {
  if (!has(fields, field) || fields[field] === undefined) {
    throw new ProtocolError('MISSING_FIELD', `${field} is required`, { field });
  }
}

/** An optional string field; absent → `undefined`. */
export function optionalString(fields: Fields, field: string, rule: StringRule): string | undefined {
  if (!has(fields, field)) return undefined;
  const value = fields[field];
  const describe = rule.describe ?? `${rule.min ?? 0}–${rule.max} chars`;
  if (typeof value !== 'string') throw invalid(field, `must be a string of ${describe}`);
  const length = value.length <= rule.max ? Array.from(value).length : rule.max + 1;
  if (length < (rule.min ?? 0) || length > rule.max || (rule.pattern && !rule.pattern.test(value))) {
    throw invalid(field, `must be ${describe}`);
  }
  return value;
}

/** A required string field. */
export function requiredString(fields: Fields, field: string, rule: StringRule): string {
  requirePresent(fields, field);
  return optionalString(fields, field, rule) as string;
}

/** A required integer field in `[min, max]`. */
export function requiredInteger(fields: Fields, field: string, min: number, max: number): number {
  requirePresent(fields, field);
  const value = fields[field];
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    throw invalid(field, `must be an integer between ${min} and ${max}`);
  }
  return value;
}

/** An optional plain JSON object whose serialised form is at most `maxBytes` UTF-8 bytes. */
export function optionalObject(fields: Fields, field: string, maxBytes: number): Fields | undefined {
  if (!has(fields, field)) return undefined;
  const value = fields[field];
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw invalid(field, 'must be a JSON object');
  if (new TextEncoder().encode(JSON.stringify(value)).byteLength > maxBytes) {
    throw invalid(field, `must serialise to at most ${maxBytes} bytes`);
  }
  return value as Fields;
}

/** A required plain JSON object field (any size; the body limit bounds it). */
export function requiredObject(fields: Fields, field: string): Fields {
  requirePresent(fields, field);
  return optionalObject(fields, field, Number.POSITIVE_INFINITY) as Fields;
}

/** An optional field that must be one of `values`; absent → `fallback`. */
export function optionalOneOf<T extends string>(fields: Fields, field: string, values: readonly T[], fallback: T): T {
  if (!has(fields, field)) return fallback;
  const value = fields[field];
  if (typeof value !== 'string' || !(values as readonly string[]).includes(value)) {
    throw invalid(field, `must be one of ${values.join(', ')}`);
  }
  return value as T;
}

/** A required field that must be one of `values`. */
export function requiredOneOf<T extends string>(fields: Fields, field: string, values: readonly T[]): T {
  requirePresent(fields, field);
  return optionalOneOf(fields, field, values, values[0]!);
}

/** A query string as {@link Fields}; for a repeated parameter the last value wins. */
export function queryFields(url: URL): Fields {
  return Object.fromEntries(url.searchParams);
}
