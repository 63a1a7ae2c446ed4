import { configError } from '../../config/config-error.js';
import { at, objectAt, rejectUnknown } from '../../config/config-fields.js';
import { parsePasswordHash } from '../password-hash.js';
import type { AdminUser } from './console-options.js';

export type { AdminUser };

/**
 * Checks `admin.users`: `[{ "name": "…", "passwordHash": "scrypt$…" }, …]`, at least one, each hash one that
 * `coinslot-server admin hash-password` prints (never a password). Absent: no admin console.
 */
export function parseAdminUsers(value: unknown): AdminUser[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.length === 0) {
    throw configError('admin.users', 'must list at least one { "name", "passwordHash" }, or be left out');
  }
  return value.map((entry, index) => {
    const field = at('admin.users', index);
    const raw = objectAt(entry, field);
    rejectUnknown(raw, field, ['name', 'passwordHash']);
    if (typeof raw.name !== 'string' || !/^[A-Za-z0-9._@-]{1,64}$/.test(raw.name)) {
      throw configError(`${field}.name`, 'must be 1–64 of A–Z a–z 0–9 . _ @ -');
    }
    if (typeof raw.passwordHash !== 'string' || !parsePasswordHash(raw.passwordHash)) {
      throw configError(
        `${field}.passwordHash`,
        'must be a hash from "coinslot-server admin hash-password" (scrypt$ln=…,r=…,p=…$…$…)',
      );
    }
    return { name: raw.name, passwordHash: raw.passwordHash };
  });
}
