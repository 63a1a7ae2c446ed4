import type { FormObject, FormValue } from './form-params.js';
import { invalidParam, missingParam } from './stripe-api-error.js';

/** A parameter as a string, `undefined` when absent. */
export function optionalText(params: FormObject, name: string, path = name, max = 5000): string | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw invalidParam(path, `Invalid string: ${path} must be a string.`);
  if (value.length > max) throw invalidParam(path, `Invalid string: ${path} must be at most ${max} characters.`);
  return value;
}

/** A required string parameter. */
export function requiredText(params: FormObject, name: string, path = name, max?: number): string {
  const value = optionalText(params, name, path, max);
  if (value === undefined || value === '') throw missingParam(path);
  return value;
}

/** An integer parameter (`Invalid integer` like Stripe), `undefined` when absent. */
export function optionalInteger(params: FormObject, name: string, path = name, min = 0): number | undefined {
  const value = optionalText(params, name, path);
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!/^-?\d+$/.test(value) || !Number.isSafeInteger(number))
    throw invalidParam(path, `Invalid integer: ${value}`, 'parameter_invalid_integer');
  if (number < min) throw invalidParam(path, `Invalid ${path}: must be at least ${min}`);
  return number;
}

/** A nested object parameter, `{}` when absent. */
export function objectParam(params: FormObject, name: string, path = name): FormObject {
  const value = params[name];
  if (value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value))
    throw invalidParam(path, `Invalid object: ${path} must be an object.`);
  return value;
}

/** A list parameter, `[]` when absent. */
export function listParam(params: FormObject, name: string, path = name): FormValue[] {
  const value = params[name];
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw invalidParam(path, `Invalid array: ${path} must be an array.`);
  return value;
}

/**
 * Stripe's `metadata`: up to 50 string values, keys up to 40 characters, values up to 500; an empty value unsets
 * the key (so it is left out here).
 */
export function metadataParam(params: FormObject, name: string, path = name): Record<string, string> {
  const raw = objectParam(params, name, path);
  const entries = Object.entries(raw);
  if (entries.length > 50) throw invalidParam(path, `Invalid ${path}: at most 50 keys.`);
  const metadata: Record<string, string> = {};
  for (const [key, value] of entries) {
    if (typeof value !== 'string') throw invalidParam(`${path}[${key}]`, `Invalid ${path}[${key}]: a string.`);
    if (key.length > 40) throw invalidParam(`${path}[${key}]`, `Invalid ${path}: keys are at most 40 characters.`);
    if (value.length > 500)
      throw invalidParam(`${path}[${key}]`, `Invalid ${path}: values are at most 500 characters.`);
    if (value !== '') metadata[key] = value;
  }
  return metadata;
}

/** Refuses a parameter the emulator does not know, as Stripe does (`Received unknown parameter: x`). */
export function rejectUnknownParams(params: FormObject, known: readonly string[], prefix = ''): void {
  const unknown = Object.keys(params).find((key) => !known.includes(key));
  if (unknown !== undefined) {
    const path = prefix ? `${prefix}[${unknown}]` : unknown;
    throw invalidParam(path, `Received unknown parameter: ${path}`, 'parameter_unknown');
  }
}
