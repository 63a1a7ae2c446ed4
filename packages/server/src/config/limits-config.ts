import { configError } from './config-error.js';
import { objectAt, rejectUnknown, type Raw } from './config-fields.js';

/**
 * `limits` of the configuration file: rate limits, caps on held waits and connections, timeouts and retention.
 * None is configurable yet (the abuse-limits work adds them here, each with its default); today any key is refused
 * so a limit that is not enforced is never silently accepted.
 */
export type LimitsConfig = Record<string, never>;

/** Checks `limits` (an object; no setting is known yet). */
export function parseLimits(value: unknown, field = 'limits'): LimitsConfig {
  if (value === undefined) return {};
  const raw: Raw = objectAt(value, field);
  try {
    rejectUnknown(raw, field, []);
  } catch {
    throw configError(`${field}.${Object.keys(raw)[0]}`, 'is not a setting yet: no limit is configurable in this version');
  }
  return {};
}
