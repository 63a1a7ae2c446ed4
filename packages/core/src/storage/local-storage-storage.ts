import {
  byKey,
  decodeValue,
  encodeValue,
  encodeWrites,
  type EncodedWrite,
  type JournalStorage,
  type StorageEntry,
} from './journal-storage.js';

/** The parts of a Web Storage (`localStorage`) the journal uses. */
export interface WebStorage {
  readonly length: number;
  key(index: number): string | null;
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** Options of {@link createLocalStorageStorage}. */
export interface LocalStorageStorageOptions {
  /**
   * The Web Storage to use: a DOM `Storage` (typed structurally, so these declarations compile without the DOM
   * library). @default globalThis.localStorage
   */
  storage?: WebStorage;
}

/** Where a batch waits while it is applied; never listed. */
const BATCH_KEY = '__coinslot_batch__';

function apply(store: WebStorage, writes: readonly EncodedWrite[]): void {
  for (const [key, text] of writes) {
    if (text === null) store.removeItem(key);
    else store.setItem(key, text);
  }
}

/**
 * A journal storage on `localStorage` (the fallback when IndexedDB is missing), one JSON text per key.
 * A batch is first written whole under one key, then applied, then removed; a batch left behind by a tab
 * that died half-way is applied again when the storage is next used — so a batch is all-or-nothing.
 * `localStorage` is shared by every tab of the origin and limited to a few MB.
 */
export function createLocalStorageStorage(options: LocalStorageStorageOptions = {}): JournalStorage {
  let recovered = false;
  const open = (): WebStorage => {
    const store = options.storage ?? globalThis.localStorage;
    if (!store) throw new TypeError('localStorage is not available here.');
    if (!recovered) {
      recovered = true;
      const leftover = store.getItem(BATCH_KEY);
      if (leftover !== null) apply(store, JSON.parse(leftover) as EncodedWrite[]);
      store.removeItem(BATCH_KEY);
    }
    return store;
  };
  return {
    kind: 'localstorage',
    async get(key) {
      return decodeValue(open().getItem(key));
    },
    async set(key, value) {
      open().setItem(key, encodeValue(value));
    },
    async delete(key) {
      open().removeItem(key);
    },
    async list(prefix) {
      const store = open();
      const entries: StorageEntry[] = [];
      for (let index = 0; index < store.length; index += 1) {
        const key = store.key(index);
        if (key === null || key === BATCH_KEY || !key.startsWith(prefix)) continue;
        entries.push({ key, value: decodeValue(store.getItem(key)) });
      }
      return entries.sort(byKey);
    },
    async batch(writes) {
      const store = open();
      const encoded = encodeWrites(writes);
      store.setItem(BATCH_KEY, JSON.stringify(encoded));
      apply(store, encoded);
      store.removeItem(BATCH_KEY);
    },
  };
}
