import type { ResultPublicKey } from '../wire-types.js';

/**
 * Where {@link checkSignedResult} finds the trusted public keys.
 * Either a fixed list (pinned keys) or a source that can refetch once on an unknown `kid`.
 */
export type KeyResolver = readonly ResultPublicKey[] | KeySource;

/** A source of trusted keys that can be asked to refresh (key rotation). */
export interface KeySource {
  /**
   * The trusted keys. With `refresh: true` the source fetches them again instead of answering its cache;
   * the verifier asks so at most once per result, when the `kid` is unknown.
   */
  keys(options: { refresh: boolean }): Promise<readonly ResultPublicKey[]>;
}

/**
 * Find the trusted key named `kid`. A pinned list is final; a key source is asked once more with
 * `refresh: true` when the kid is unknown, so a rotated key is picked up and an unknown one still fails.
 */
export async function findTrustedKey(keys: KeyResolver, kid: string): Promise<ResultPublicKey | undefined> {
  if (Array.isArray(keys)) return (keys as readonly ResultPublicKey[]).find((key) => key.kid === kid);
  const source = keys as KeySource;
  const cached = (await source.keys({ refresh: false })).find((key) => key.kid === kid);
  if (cached !== undefined) return cached;
  return (await source.keys({ refresh: true })).find((key) => key.kid === kid);
}
