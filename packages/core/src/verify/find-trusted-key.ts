import type { ResultPublicKey } from '../protocol/bill.js';
import type { KeyResolver } from './key-resolver.js';

/**
 * Find the trusted key named `kid`. A pinned list is final; a key source is asked once more with
 * `refresh: true` when the kid is unknown, so a rotated key is picked up and an unknown one still fails.
 */
export async function findTrustedKey(keys: KeyResolver, kid: string): Promise<ResultPublicKey | undefined> {
  if (Array.isArray(keys)) return (keys as readonly ResultPublicKey[]).find((key) => key.kid === kid);
  const source = keys as Exclude<KeyResolver, readonly ResultPublicKey[]>;
  const cached = (await source.keys({ refresh: false })).find((key) => key.kid === kid);
  if (cached !== undefined) return cached;
  return (await source.keys({ refresh: true })).find((key) => key.kid === kid);
}
