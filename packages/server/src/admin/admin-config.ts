import { configError } from '../config/config-error.js';
import { at, objectAt, rejectUnknown } from '../config/config-fields.js';
import { isSecretRef, readSecret, type SecretSource } from '../config/secret-ref.js';
import { ADMIN_KEY_PREFIX } from './admin-keys.js';
import type { AdminOptions } from './admin-api.js';
import { type AdminUser, parseAdminUsers } from './console/admin-users-config.js';

/** `admin` of the configuration file, checked; the keys are still secret references, read when the server is built. */
export interface AdminConfig {
  /** The admin keys (`cak_…`), each `{ "env": "NAME" }` or `{ "file": "path" }` (inline in development only). */
  keys: unknown[];
  /** The console's users (`admin.users`), password hashes only. */
  users?: AdminUser[];
}

/** Checks `admin`: `{ "keys": [<secret ref>, …] }` with at least one key. Absent: no admin API. */
export function parseAdminConfig(value: unknown): AdminConfig | undefined {
  if (value === undefined) return undefined;
  const raw = objectAt(value, 'admin');
  rejectUnknown(raw, 'admin', ['keys', 'users']);
  const users = parseAdminUsers(raw.users);
  const keys = raw.keys ?? (users ? [] : undefined);
  if (!Array.isArray(keys) || (keys.length === 0 && !users)) {
    throw configError('admin.keys', 'must list at least one admin key, e.g. [{ "env": "COINSLOT_ADMIN_KEY" }]');
  }
  keys.forEach((key, index) => {
    if (!isSecretRef(key))
      throw configError(at('admin.keys', index), 'must be { "env": "NAME" } or { "file": "path" }');
  });
  return { keys, ...(users && { users }) };
}

/** Reads the admin keys from the environment or files and checks their form (`cak_` and ≥ 32 characters). */
export async function buildAdminOptions(
  config: AdminConfig | undefined,
  source: SecretSource,
): Promise<AdminOptions | undefined> {
  if (config === undefined) return undefined;
  const keys: string[] = [];
  for (const [index, ref] of config.keys.entries()) {
    const field = at('admin.keys', index);
    const key = await readSecret(ref, field, source);
    if (!key.startsWith(ADMIN_KEY_PREFIX) || key.length < ADMIN_KEY_PREFIX.length + 32) {
      throw configError(field, `must be an admin key: "${ADMIN_KEY_PREFIX}" and at least 32 more characters`);
    }
    keys.push(key);
  }
  return { keys, ...(config.users && { users: config.users }) };
}
