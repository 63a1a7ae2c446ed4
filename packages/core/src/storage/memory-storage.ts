import { byKey, decodeValue, encodeWrites, type JournalStorage, type StorageWrite } from './journal-storage.js';

/**
 * A journal storage that lives as long as the page or process: for tests, and the last resort when neither
 * IndexedDB nor localStorage is there. It survives no reload and no crash — pass a durable one in production.
 * Values are JSON copies, as in every other storage.
 */
export function createMemoryStorage(): JournalStorage {
  const data = new Map<string, string>();
  const batch = async (writes: readonly StorageWrite[]): Promise<void> => {
    for (const [key, text] of encodeWrites(writes)) {
      if (text === null) data.delete(key);
      else data.set(key, text);
    }
  };
  return {
    kind: 'memory',
    async get(key) {
      return decodeValue(data.get(key));
    },
    set: (key, value) => batch([{ key, value }]),
    delete: (key) => batch([{ key, delete: true }]),
    async list(prefix) {
      return [...data]
        .filter(([key]) => key.startsWith(prefix))
        .map(([key, text]) => ({ key, value: decodeValue(text) }))
        .sort(byKey);
    },
    batch,
  };
}
