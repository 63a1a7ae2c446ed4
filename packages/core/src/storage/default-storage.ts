import type { ChannelLogger } from '../contract/payment-interface.js';
import { createIndexedDbStorage } from './indexed-db-storage.js';
import { STORAGE_METHODS, type JournalStorage } from './journal-storage.js';
import { createLocalStorageStorage } from './local-storage-storage.js';
import { createMemoryStorage } from './memory-storage.js';

function usableLocalStorage(): Storage | undefined {
  try {
    // Reading the property itself throws where storage is blocked (sandboxed frames, cookies off).
    const store = globalThis.localStorage;
    if (!store) return undefined;
    store.setItem('__coinslot_probe__', '1');
    store.removeItem('__coinslot_probe__');
    return store;
  } catch {
    return undefined;
  }
}

async function choose(logger: ChannelLogger): Promise<JournalStorage> {
  if (globalThis.indexedDB) {
    const indexedDb = createIndexedDbStorage();
    try {
      await indexedDb.get('coinslot:probe');
      return indexedDb;
    } catch (error) {
      logger.warn('IndexedDB could not be opened; the bill journal falls back to localStorage.', { error });
    }
  }
  const local = usableLocalStorage();
  if (local) return createLocalStorageStorage({ storage: local });
  logger.warn(
    'No usable IndexedDB or localStorage: the bill journal is in memory and survives no reload or crash. ' +
      'Pass `storage` (in Node or Electron main: createFileStorage(dir) from @coinslot/core/node).',
  );
  return createMemoryStorage();
}

/**
 * The journal storage when the app passes none: IndexedDB when present, else localStorage, else memory with a
 * logged warning. Chosen on first use, so creating an instance touches no storage; an IndexedDB that fails to
 * open (some private modes) falls back to localStorage.
 */
export function createDefaultStorage(logger: ChannelLogger): JournalStorage {
  let chosen: Promise<JournalStorage> | undefined;
  const forward =
    (method: (typeof STORAGE_METHODS)[number]) =>
    async (...args: unknown[]) =>
      ((await (chosen ??= choose(logger)))[method] as (...a: unknown[]) => Promise<unknown>)(...args);
  return {
    kind: 'default',
    ...Object.fromEntries(STORAGE_METHODS.map((method) => [method, forward(method)])),
  } as JournalStorage;
}
