import { resolveLimits, type LimitOptions } from '../limits/limit-options.js';
import { configError } from './config-error.js';
import { objectAt } from './config-fields.js';

/** The limits a configuration file may set: every {@link LimitOptions} field but the in-process bucket store. */
export type LimitsConfig = Omit<LimitOptions, 'rateLimitStore'>;

const KEYS = new Set<string>([
  'trustProxy',
  'unlimitedAddresses',
  'create',
  'wait',
  'other',
  'heldWaitsPerBill',
  'heldWaitsPerIdentity',
  'heldWaitsPerIp',
  'openBillsPerPlayer',
  'retentionDays',
  'maxConnections',
  'headersTimeoutSeconds',
  'requestTimeoutSeconds',
]);

/**
 * Checks `limits` (docs/server-config.md "Limits" has every field and its default): unknown keys and bad values are refused naming
 * the field, with the same checks `createPayServer` applies, so a limit that would not be enforced never starts.
 */
export function parseLimits(value: unknown, field = 'limits'): LimitsConfig {
  if (value === undefined) return {};
  const raw = objectAt(value, field);
  const unknown = Object.keys(raw).find((key) => !KEYS.has(key));
  if (unknown !== undefined)
    throw configError(`${field}.${unknown}`, `is not a limit (known: ${[...KEYS].join(', ')})`);
  try {
    resolveLimits(raw as LimitsConfig);
  } catch (error) {
    const message = (error as Error).message;
    const named = /limits\.([\w.]+)/.exec(message)?.[1];
    throw configError(named ? `${field}.${named}` : field, message.replace(/^Invalid limits[^:]*: ?/, ''));
  }
  return raw as LimitsConfig;
}
