/** One write of a {@link JournalStorage.batch}: set a key to a value, or delete it. */
export type StorageWrite = { key: string; value: unknown } | { key: string; delete: true };

/** One stored key and its value, as {@link JournalStorage.list} answers them. */
export interface StorageEntry {
  key: string;
  value: unknown;
}

/**
 * The small async key/value store the bill journal (and {@link createGrantLedger}) keeps its records in.
 * Core ships four: `createIndexedDbStorage`, `createLocalStorageStorage`, `createMemoryStorage`, and
 * `createFileStorage(dir)` from `@coinslot/core/node`. Bring your own by implementing these five methods.
 *
 * Values are JSON: whatever is stored is read back as a JSON copy (no `Date`, `Map`, `undefined` members).
 * Every method rejects when the underlying store fails; none may resolve before the write is durable as far
 * as the store can tell (IndexedDB: the transaction completed; files: fsync and rename).
 */
export interface JournalStorage {
  /** A short name for logs, e.g. `indexeddb`, `localstorage`, `file`, `memory`. */
  readonly kind: string;
  /** The value stored under `key`, or `undefined`. */
  get(key: string): Promise<unknown>;
  /** Store `value` (JSON-serialisable) under `key`, replacing any earlier value atomically. */
  set(key: string, value: unknown): Promise<void>;
  /** Remove `key`; removing a missing key is fine. */
  delete(key: string): Promise<void>;
  /** Every entry whose key starts with `prefix` (`''` lists all), sorted by key. */
  list(prefix: string): Promise<StorageEntry[]>;
  /**
   * Apply several writes all-or-nothing: after a crash either every write is visible or none is.
   * {@link createGrantLedger} relies on it to store a game's item and the bill id in one step.
   */
  batch(writes: readonly StorageWrite[]): Promise<void>;
}

/** The methods every {@link JournalStorage} has. */
export const STORAGE_METHODS = ['get', 'set', 'delete', 'list', 'batch'] as const;

/** The JSON text of a value to store; throws a `TypeError` for one JSON cannot hold (`undefined`, a function, a cycle). */
export function encodeValue(value: unknown): string {
  const text = JSON.stringify(value) as string | undefined;
  if (text === undefined) throw new TypeError('A stored value must be JSON-serialisable.');
  return text;
}

/** The value of stored JSON text; a missing entry is `undefined`. */
export function decodeValue(text: string | null | undefined): unknown {
  return text === null || text === undefined ? undefined : (JSON.parse(text) as unknown);
}

/** A batch write as stored: the key and the value's JSON text, `null` for a deletion. */
export type EncodedWrite = [key: string, text: string | null];

/**
 * Encode every write of a batch before any is applied, so a value JSON cannot hold fails the whole batch
 * (a `TypeError`) instead of leaving it half-written.
 */
export function encodeWrites(writes: readonly StorageWrite[]): EncodedWrite[] {
  return writes.map((write) => [
    write.key,
    'delete' in write && write.delete === true ? null : encodeValue((write as { value: unknown }).value),
  ]);
}

/** Sort entries by key, the order {@link JournalStorage.list} promises. */
export function byKey(a: StorageEntry, b: StorageEntry): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}
