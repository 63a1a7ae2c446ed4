import { STEAM_ERRORS, type SteamError } from './steam-txn-values.js';

const UINT64_MAX = 2n ** 64n - 1n;

/** A parameter that is missing or malformed: Steam's `Invalid parameter` naming it. */
export class SteamParamError extends Error {
  readonly error: SteamError;
  constructor(name: string, why: string) {
    super(`${name} ${why}`);
    this.error = { errorcode: STEAM_ERRORS.invalidParameter.errorcode, errordesc: `Invalid parameter: ${name} ${why}` };
  }
}

/** Reads a request's parameters the way Steam's form handling does: one value per name, text as sent. */
export class SteamParams {
  constructor(private readonly values: URLSearchParams) {}

  /** A required non-empty string of at most `max` characters. */
  text(name: string, max = 1024): string {
    const value = this.values.get(name);
    if (value === null || value === '') throw new SteamParamError(name, 'is missing');
    if (value.length > max) throw new SteamParamError(name, `is longer than ${max} characters`);
    return value;
  }

  /** An optional string of at most `max` characters. */
  optionalText(name: string, max = 1024): string | undefined {
    return this.values.has(name) ? this.text(name, max) : undefined;
  }

  /** A required unsigned decimal integer up to `max` (uint64 by default), as its canonical decimal string. */
  unsigned(name: string, max = UINT64_MAX): string {
    const value = this.text(name, 32);
    if (!/^\d+$/.test(value) || BigInt(value) > max) throw new SteamParamError(name, 'is not an unsigned integer');
    return BigInt(value).toString();
  }

  /** A required integer in `[min, max]`, as a number. */
  integer(name: string, min: number, max: number): number {
    const value = this.text(name, 32);
    const parsed = /^-?\d+$/.test(value) ? Number(value) : Number.NaN;
    if (!Number.isSafeInteger(parsed) || parsed < min || parsed > max)
      throw new SteamParamError(name, `is not an integer from ${min} to ${max}`);
    return parsed;
  }

  /** An optional integer in `[min, max]`, else `fallback`. */
  optionalInteger(name: string, min: number, max: number, fallback: number): number {
    return this.values.has(name) ? this.integer(name, min, max) : fallback;
  }

  /** Whether the parameter is present at all. */
  has(name: string): boolean {
    return this.values.has(name);
  }
}
