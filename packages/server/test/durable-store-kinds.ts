import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BillStore, SqliteBillStore } from '../src/index.js';
import { dropSchema, freshSchemaName, openTestPostgresStore } from './postgres-test-database.js';

/** A store that can be closed, as a process that stops closes it (or loses it). */
export type ClosableStore = BillStore & { close(): Promise<void> };

/** One durable store the server ships: a place (a file, a schema) opened, closed and opened again, as restarts do. */
export interface DurableStoreKind {
  name: string;
  /** A fresh place; each `open()` opens another store on it. Thrown away by {@link disposeDurableStores}. */
  place(): Promise<{ open(): Promise<ClosableStore> }>;
}

const stores: ClosableStore[] = [];
const cleanups: Array<() => Promise<void>> = [];
const track = (store: ClosableStore) => (stores.push(store), store);

/** The SQLite file and the PostgreSQL schema. */
export const DURABLE_STORE_KINDS: DurableStoreKind[] = [
  {
    name: 'SqliteBillStore',
    place: async () => {
      const dir = await mkdtemp(join(tmpdir(), 'coinslot-durable-'));
      cleanups.push(() => rm(dir, { recursive: true, force: true }));
      return { open: async () => track(await SqliteBillStore.open(join(dir, 'bills.sqlite'))) };
    },
  },
  {
    name: 'PostgresBillStore',
    place: async () => {
      const schema = freshSchemaName();
      cleanups.push(() => dropSchema(schema));
      return { open: async () => track(await openTestPostgresStore(schema)) };
    },
  },
];

/** Closes every store opened on a place (closing twice is harmless), then removes the places (call in `afterEach`). */
export async function disposeDurableStores(): Promise<void> {
  await Promise.all(stores.splice(0).map((store) => store.close()));
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
}
