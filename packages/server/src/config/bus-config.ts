import { configError } from './config-error.js';
import { at, has, isObject, optionalOneOf, optionalString, rejectUnknown, type Raw } from './config-fields.js';
import type { StoreKind } from './database-config.js';
import { isSecretRef } from './secret-ref.js';

/** What carries wake-ups between instances (docs/server-config.md "Wake-up bus"). */
export type BusKind = 'in-process' | 'postgres' | 'redis';

/**
 * `bus` of the configuration file, checked; Redis's URL is still a secret reference, read when the server is built.
 * - `in-process`: one instance (the default without PostgreSQL);
 * - `postgres`: `LISTEN/NOTIFY` on the store's database and schema (the default with `"store": "postgres"`);
 * - `redis`: pub/sub on `url` (a secret reference, `{ "env": "COINSLOT_REDIS_URL" }` when left out), channel
 *   `<prefix>wake`.
 */
export type BusConfig = { kind: 'in-process' } | { kind: 'postgres' } | { kind: 'redis'; url: unknown; prefix: string };

const KINDS = ['in-process', 'postgres', 'redis'] as const;
const FIELDS = ['kind', 'url', 'prefix'];

/** The Redis URL's reference when the file names none. */
export const DEFAULT_REDIS_URL = { env: 'COINSLOT_REDIS_URL' };

/**
 * Checks `bus` (a kind, or `{ "kind", "url"?, "prefix"? }`) against the store: a bus between instances is for
 * instances that share bills, so `postgres` and `redis` need the PostgreSQL store; `url` and `prefix` are Redis's.
 */
export function parseBusConfig(value: unknown, store: StoreKind): BusConfig {
  if (value === undefined) return { kind: store === 'postgres' ? 'postgres' : 'in-process' };
  if (typeof value !== 'string' && !isObject(value))
    throw configError('bus', 'must be "in-process", "postgres", "redis" or { "kind", "url"?, "prefix"? }');
  const raw: Raw = typeof value === 'string' ? { kind: value } : value;
  rejectUnknown(raw, 'bus', FIELDS);
  const kind = optionalOneOf(raw, 'kind', 'bus', KINDS);
  if (kind === undefined) throw configError(at('bus', 'kind'), `is required: one of ${KINDS.join(', ')}`);
  if (kind !== 'in-process' && store !== 'postgres')
    throw configError(
      'bus',
      `"${kind}" wakes instances that share their bills, which only the PostgreSQL store does ("store" is "${store}")`,
    );
  if (kind !== 'redis') {
    const extra = ['url', 'prefix'].find((key) => has(raw, key));
    if (extra) throw configError(at('bus', extra), 'is a setting of the Redis bus only ("kind": "redis")');
    return { kind };
  }
  if (has(raw, 'url') && !isSecretRef(raw.url))
    throw configError(at('bus', 'url'), 'must be { "env": "NAME" } or { "file": "path" } holding redis://…');
  const prefix = optionalString(raw, 'prefix', 'bus') ?? 'coinslot:';
  if (/\s/.test(prefix)) throw configError(at('bus', 'prefix'), 'must not contain spaces');
  return { kind, url: has(raw, 'url') ? raw.url : DEFAULT_REDIS_URL, prefix };
}
