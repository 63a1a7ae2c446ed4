import { decodeValue, encodeWrites, type JournalStorage, type StorageWrite } from './journal-storage.js';

/** Options of {@link createIndexedDbStorage}. */
export interface IndexedDbStorageOptions {
  /** The database name. @default 'coinslot' */
  name?: string;
  /**
   * The IndexedDB factory: a DOM `IDBFactory` (typed structurally, so these declarations compile without the DOM
   * library). @default globalThis.indexedDB
   */
  indexedDB?: { open(name: string, version?: number): object };
}

const STORE = 'entries';

/** Run one transaction; resolves with `work`'s answer once the transaction has committed. */
function transact<T>(db: IDBDatabase, mode: IDBTransactionMode, work: (store: IDBObjectStore) => () => T): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    // `strict`: the browser flushes to disk before `complete`, which a payment journal needs.
    const tx = db.transaction(STORE, mode, { durability: 'strict' });
    const answer = work(tx.objectStore(STORE));
    tx.oncomplete = () => resolve(answer());
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed.'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted.'));
  });
}

/**
 * A journal storage on IndexedDB (the default in browsers and Electron renderers): one object store of JSON
 * texts keyed by string, in a database opened on first use. Each write and each batch is one transaction,
 * so a batch is all-or-nothing. Shared by every tab of the origin.
 */
export function createIndexedDbStorage(options: IndexedDbStorageOptions = {}): JournalStorage {
  let opening: Promise<IDBDatabase> | undefined;
  const open = (): Promise<IDBDatabase> =>
    (opening ??= new Promise<IDBDatabase>((resolve, reject) => {
      const factory = (options.indexedDB as IDBFactory | undefined) ?? globalThis.indexedDB;
      if (!factory) throw new TypeError('IndexedDB is not available here.');
      const request = factory.open(options.name ?? 'coinslot', 1);
      request.onupgradeneeded = () => request.result.createObjectStore(STORE);
      request.onsuccess = () => {
        const db = request.result;
        db.onversionchange = () => {
          db.close();
          opening = undefined;
        };
        resolve(db);
      };
      request.onerror = () => reject(request.error ?? new Error('Opening IndexedDB failed.'));
    }).catch((error: unknown) => {
      opening = undefined;
      throw error;
    }));

  const batch = async (writes: readonly StorageWrite[]): Promise<void> => {
    const encoded = encodeWrites(writes);
    await transact(await open(), 'readwrite', (store) => {
      for (const [key, text] of encoded) {
        if (text === null) store.delete(key);
        else store.put(text, key);
      }
      return () => undefined;
    });
  };

  return {
    kind: 'indexeddb',
    async get(key) {
      const text = await transact(await open(), 'readonly', (store) => {
        const request = store.get(key) as IDBRequest<string | undefined>;
        return () => request.result;
      });
      return decodeValue(text);
    },
    // One write is a batch of one: a single transaction either way.
    set: (key, value) => batch([{ key, value }]),
    delete: (key) => batch([{ key, delete: true }]),
    async list(prefix) {
      const range = prefix === '' ? undefined : IDBKeyRange.bound(prefix, `${prefix}\uffff`);
      return transact(await open(), 'readonly', (store) => {
        const keys = store.getAllKeys(range);
        const values = store.getAll(range);
        return () =>
          keys.result.map((key, index) => ({ key: String(key), value: decodeValue(values.result[index] as string) }));
      });
    },
    batch,
  };
}
