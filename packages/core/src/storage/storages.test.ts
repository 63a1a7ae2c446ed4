import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../internal/logger.js';
import { MemoryWebStorage } from '../test-support/memory-web-storage.js';
import { storageContract } from '../test-support/storage-contract.js';
import { createDefaultStorage } from './default-storage.js';
import { createIndexedDbStorage } from './indexed-db-storage.js';
import { createLocalStorageStorage } from './local-storage-storage.js';
import { createMemoryStorage } from './memory-storage.js';

afterEach(() => vi.unstubAllGlobals());

describe('memory storage', () => storageContract(() => createMemoryStorage()));

describe('localStorage storage', () => {
  storageContract(() => createLocalStorageStorage({ storage: new MemoryWebStorage() }));

  it('finishes a batch that a dying tab left half-applied', async () => {
    const web = new MemoryWebStorage();
    web.setItem(
      '__coinslot_batch__',
      JSON.stringify([
        ['inventory:gems', '100'],
        ['coinslot:granted:b_1', '{"at":1}'],
      ]),
    );
    web.setItem('inventory:gems', '100');
    const storage = createLocalStorageStorage({ storage: web });
    expect(await storage.get('coinslot:granted:b_1')).toEqual({ at: 1 });
    expect(await storage.list('')).toHaveLength(2);
    expect(web.getItem('__coinslot_batch__')).toBeNull();
  });

  it('rejects when the quota is full', async () => {
    const web = new MemoryWebStorage();
    web.failWrites = true;
    await expect(createLocalStorageStorage({ storage: web }).set('k', 1)).rejects.toMatchObject({
      name: 'QuotaExceededError',
    });
  });
});

describe('IndexedDB storage (fake-indexeddb)', () => {
  const stubKeyRange = (): void => void vi.stubGlobal('IDBKeyRange', IDBKeyRange);
  storageContract(() => {
    stubKeyRange();
    return createIndexedDbStorage({ indexedDB: new IDBFactory() });
  });

  it('keeps entries across two storages on one database (a reload)', async () => {
    stubKeyRange();
    const factory = new IDBFactory();
    await createIndexedDbStorage({ indexedDB: factory, name: 'game' }).set('coinslot:bill:b_1', { state: 'waiting' });
    expect(await createIndexedDbStorage({ indexedDB: factory, name: 'game' }).list('coinslot:')).toEqual([
      { key: 'coinslot:bill:b_1', value: { state: 'waiting' } },
    ]);
  });
});

describe('default storage', () => {
  it('uses IndexedDB when present', async () => {
    const factory = new IDBFactory();
    vi.stubGlobal('indexedDB', factory);
    vi.stubGlobal('IDBKeyRange', IDBKeyRange);
    await createDefaultStorage(silentLogger).set('k', 1);
    expect(await createIndexedDbStorage({ indexedDB: factory }).get('k')).toBe(1);
  });

  it('falls back to localStorage when IndexedDB fails to open', async () => {
    const web = new MemoryWebStorage();
    const logger = { ...silentLogger, warn: vi.fn() };
    vi.stubGlobal('indexedDB', {
      open: () => {
        throw new DOMException('private mode', 'InvalidStateError');
      },
    });
    vi.stubGlobal('localStorage', web);
    await createDefaultStorage(logger).set('k', 1);
    expect(web.getItem('k')).toBe('1');
    expect(logger.warn).toHaveBeenCalledWith(expect.stringMatching(/falls back to localStorage/), expect.anything());
  });

  it('uses memory, with a warning naming the storage option, when neither is there', async () => {
    const logger = { ...silentLogger, warn: vi.fn() };
    const storage = createDefaultStorage(logger);
    expect(logger.warn).not.toHaveBeenCalled();
    await storage.set('k', 1);
    expect(await storage.get('k')).toBe(1);
    expect(logger.warn).toHaveBeenCalledExactlyOnceWith(expect.stringMatching(/in memory.*createFileStorage/));
  });
});
