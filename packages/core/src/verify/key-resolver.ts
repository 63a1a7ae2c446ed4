import type { ResultPublicKey } from '../protocol/bill.js';

/**
 * Where {@link verifySignedResult} finds the trusted public keys.
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
