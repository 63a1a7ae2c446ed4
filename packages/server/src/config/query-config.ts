import { resolveQueryOptions, type QueryOptions } from '../bills/query-options.js';
import { configError } from './config-error.js';
import { objectAt, rejectUnknown } from './config-fields.js';

const FIELDS = ['checkpointsMs', 'afterExpiryMs', 'concurrency', 'timeoutMs', 'intervalMs'];

/**
 * Checks `query` (the query fallback, docs/server-config.md) with the same checks `createPayServer` applies: an
 * unknown key or a bad value is refused naming the field.
 */
export function parseQueryConfig(value: unknown, field = 'query'): QueryOptions {
  if (value === undefined) return {};
  const raw = objectAt(value, field);
  rejectUnknown(raw, field, FIELDS);
  try {
    resolveQueryOptions(raw as QueryOptions);
  } catch (error) {
    const message = (error as Error).message;
    const named = /query\.([\w[\]]+)/.exec(message)?.[1];
    throw configError(named ? `${field}.${named}` : field, message.replace(/^Invalid query[^:]*: ?/, ''));
  }
  return raw as QueryOptions;
}
