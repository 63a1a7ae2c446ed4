import { sameDigest } from '../auth/server-keys.js';
import { sha256 } from '../signing/sha256.js';
import { randomToken } from '../signing/random-token.js';

/** The prefix of an admin key: told apart from server keys (`csk_`), bill tokens (`cbt_`) and player tokens. */
export const ADMIN_KEY_PREFIX = 'cak_';

/** A fresh admin key: `cak_` and 256 random bits in base64url. Keep it in the environment or a 0600 file. */
export function generateAdminKey(): string {
  return ADMIN_KEY_PREFIX + randomToken(32);
}

/**
 * The admin keys, kept as SHA-256 digests only (as server keys are), so a key is compared in constant time and the
 * process holds no admin key in clear after start.
 */
export class AdminKeys {
  private constructor(private readonly digests: readonly Uint8Array[]) {}

  /** Checks each key's form (`cak_` and at least 32 more characters) and keeps its digest. */
  static async create(keys: readonly string[]): Promise<AdminKeys> {
    if (keys.length === 0) throw new TypeError('Invalid admin options: keys must name at least one admin key');
    for (const key of keys) {
      if (typeof key !== 'string' || !key.startsWith(ADMIN_KEY_PREFIX) || key.length < ADMIN_KEY_PREFIX.length + 32) {
        throw new TypeError(
          `Invalid admin key: each must be "${ADMIN_KEY_PREFIX}" and at least 32 more characters (docs/server-config.md, "Admin API")`,
        );
      }
    }
    return new AdminKeys(await Promise.all(keys.map(sha256)));
  }

  /**
   * Which key `secret` is, counted from 1 in the configured order (how the activity log names an admin key without
   * holding it), or 0 for none. Every key is compared, so the time does not say which matched.
   */
  async positionOf(secret: string): Promise<number> {
    const given = await sha256(secret);
    let found = 0;
    this.digests.forEach((known, index) => {
      if (sameDigest(known, given) && found === 0) found = index + 1;
    });
    return found;
  }
}
