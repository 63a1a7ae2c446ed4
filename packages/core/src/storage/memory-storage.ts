import { byKey, decodeValue, encodeValue, isDelete, type JournalStorage } from './journal-storage.js';

/**
 * A journal storage that lives as long as the page or process: for tests, and the last resort when neither
 * IndexedDB nor localStorage is there. It survives no reload and no crash — pass a durable one in production.
 * Values are JSON copies, as in every other storage.
 */
export function createMemoryStorage(): JournalStorage {
  const data = new Map<string, string>();
  return {
    kind: 'memory',
    async get(key) {
      return decodeValue(data.get(key));
    },
    async set(key, value) {
      data.set(key, encodeValue(value));
    },
    async delete(key) {
      data.delete(key);
    },
    async list(prefix) {
      return [...data]
        .filter(([key]) => key.startsWith(prefix))
        .map(([key, text]) => ({ key, value: decodeValue(text) }))
        .sort(byKey);
    },
    async batch(writes) {
      const encoded = writes.map((write) => [write.key, isDelete(write) ? undefined : encodeValue(write.value)] as const);
      for (const [key, text] of encoded) {
        if (text === undefined) data.delete(key);
        else data.set(key, text);
      }
    },
  };
}
