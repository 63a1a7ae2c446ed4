import { SERVER_KEY_PREFIX } from '@coinslot/protocol';
import { sha256 } from '../signing/sha256.js';

/** Compares two digests of equal length in time that does not depend on where they differ. */
export function sameDigest(a: Uint8Array, b: Uint8Array): boolean {
  let difference = a.length ^ b.length;
  for (let i = 0; i < a.length; i++) difference |= a[i]! ^ (b[i] ?? 0);
  return difference === 0;
}

/** The game backend's server keys, kept as SHA-256 digests so a key is compared in constant time. */
export class ServerKeys {
  private constructor(private readonly digests: readonly Uint8Array[]) {}

  /** Checks each key's form (`csk_` and at least 32 more characters) and keeps its digest. */
  static async create(keys: readonly string[]): Promise<ServerKeys> {
    for (const key of keys) {
      if (typeof key !== 'string' || !key.startsWith(SERVER_KEY_PREFIX) || key.length < SERVER_KEY_PREFIX.length + 32) {
        throw new TypeError(
          `Invalid server key: each must be "${SERVER_KEY_PREFIX}" and at least 32 more characters (generate one with \`coinslot-server keygen\`)`,
        );
      }
    }
    return new ServerKeys(await Promise.all(keys.map(sha256)));
  }

  /** Whether `secret` is one of the keys (every key is compared, so the time does not say which matched). */
  async matches(secret: string): Promise<boolean> {
    const given = await sha256(secret);
    let found = false;
    for (const known of this.digests) found = sameDigest(known, given) || found;
    return found;
  }
}
