import { resolveQueryOptions, type QueryOptions } from '../bills/query-options.js';
import { resolvedSection } from './config-fields.js';

const FIELDS = ['checkpointsMs', 'afterExpiryMs', 'concurrency', 'timeoutMs', 'intervalMs'];

/**
 * Checks `query` (the query fallback, docs/server-config.md) with the same checks `createPayServer` applies: an
 * unknown key or a bad value is refused naming the field.
 */
export function parseQueryConfig(value: unknown, field = 'query'): QueryOptions {
  return resolvedSection<QueryOptions>(value, field, FIELDS, 'query', resolveQueryOptions);
}
