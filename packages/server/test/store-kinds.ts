import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Bill } from '@coinslot/core';
import { MemoryBillStore, SqliteBillStore, type BillStore } from '../src/index.js';
import { dropSchema, freshSchemaName, openTestPostgresStore } from './postgres-test-database.js';

/** A store opened for one test, and how to throw it away. */
export interface OpenedStore {
  store: BillStore;
  close(): Promise<void>;
}

/** One implementation the store contract runs against. */
export interface StoreKind {
  name: string;
  open(): Promise<OpenedStore>;
}

/** Every {@link BillStore} the server ships: the contract suites run once per entry. */
export const STORE_KINDS: StoreKind[] = [
  {
    name: 'MemoryBillStore',
    open: async () => ({ store: new MemoryBillStore(), close: async () => undefined }),
  },
  {
    name: 'SqliteBillStore',
    open: async () => {
      const dir = await mkdtemp(join(tmpdir(), 'coinslot-store-'));
      const store = await SqliteBillStore.open(join(dir, 'bills.sqlite'));
      return {
        store,
        close: async () => {
          await store.close();
          await rm(dir, { recursive: true, force: true });
        },
      };
    },
  },
  {
    // The test database (postgres-test-database.ts), in a schema of its own per test, dropped after.
    name: 'PostgresBillStore',
    open: async () => {
      const schema = freshSchemaName();
      const store = await openTestPostgresStore(schema);
      return {
        store,
        close: async () => {
          await store.close();
          await dropSchema(schema);
        },
      };
    },
  },
];

/** Opens a store of `kind` that {@link closeOpenedStores} throws away after the test. */
const opened: OpenedStore[] = [];
export async function openStore(kind: StoreKind): Promise<BillStore> {
  const handle = await kind.open();
  opened.push(handle);
  return handle.store;
}

/** Closes every store {@link openStore} opened (call in `afterEach`, after the servers). */
export async function closeOpenedStores(): Promise<void> {
  await Promise.all(opened.splice(0).map((handle) => handle.close()));
}

/** A stored bill with every field the protocol knows, with overrides. */
export function sampleBill(id: string, overrides: Partial<Bill> = {}): Bill {
  return {
    id,
    appId: 'default',
    userId: 'u',
    itemId: 'gem',
    quantity: 1,
    amount: 499,
    currency: 'USD',
    channel: 'sandbox',
    state: 'created',
    createdAt: 100,
    updatedAt: 100,
    expiresAt: 1000,
    ...overrides,
  };
}
