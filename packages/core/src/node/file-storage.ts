import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import {
  byKey,
  decodeValue,
  encodeValue,
  encodeWrites,
  type EncodedWrite,
  type JournalStorage,
  type StorageEntry,
} from '../storage/journal-storage.js';
import { removeFileDurably, TEMP_SUFFIX, writeFileAtomic } from './atomic-file.js';
import { fileNameOf, keyOfFileName } from './file-names.js';

/** A batch being applied; replayed when the directory is next opened. */
const BATCH_FILE = '.batch.json';

interface Directory {
  /** Creating the directory and finishing what a crash left behind; every operation waits for it. */
  opened: Promise<void>;
  /** Writes to one directory run one at a time, even from several storages in this process. */
  tail: Promise<unknown>;
}

const directories = new Map<string, Directory>();

async function readText(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

async function apply(dir: string, writes: readonly EncodedWrite[]): Promise<void> {
  for (const [file, text] of writes) {
    if (text === null) await removeFileDurably(join(dir, file));
    else await writeFileAtomic(join(dir, file), text);
  }
}

async function openDirectory(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const name of await readdir(dir)) {
    if (name.startsWith('.') && name.endsWith(TEMP_SUFFIX)) await rm(join(dir, name), { force: true });
  }
  const leftover = await readText(join(dir, BATCH_FILE));
  if (leftover !== undefined) {
    await apply(dir, JSON.parse(leftover) as EncodedWrite[]);
    await removeFileDurably(join(dir, BATCH_FILE));
  }
}

function directory(dir: string): Directory {
  let entry = directories.get(dir);
  if (!entry) {
    const opened = openDirectory(dir);
    entry = { opened, tail: opened.catch(() => undefined) };
    directories.set(dir, entry);
    opened.catch(() => directories.delete(dir));
  }
  return entry;
}

/**
 * A journal storage for Node and the Electron main process: one JSON file per key in `dir` (created when
 * missing), each replaced atomically (temporary file, fsync, rename, fsync of the directory), so a crash
 * leaves the old record or the new one. A batch is written whole to one file first and replayed if a crash
 * interrupts it. One file per key keeps every write small and independent: a bill's update rewrites only
 * that bill, and a damaged file costs one record, not the journal.
 *
 * Within one process every storage on the same `dir` shares one write queue. Several processes writing one
 * `dir` at once are not supported: give each process its own directory (an Electron app: one main process,
 * see `app.requestSingleInstanceLock()`).
 */
export function createFileStorage(dir: string): JournalStorage {
  const root = resolve(dir);
  const pathOf = (key: string): string => join(root, fileNameOf(key));
  const read = async (): Promise<void> => directory(root).opened;
  const write = async (work: () => Promise<void>): Promise<void> => {
    const entry = directory(root);
    const run = entry.tail.then(() => entry.opened).then(work);
    entry.tail = run.catch(() => undefined);
    return run;
  };
  return {
    kind: 'file',
    async get(key) {
      const file = pathOf(key);
      await read();
      return decodeValue(await readText(file));
    },
    set: async (key, value) => {
      const file = pathOf(key);
      const text = encodeValue(value);
      return write(() => writeFileAtomic(file, text));
    },
    delete: async (key) => {
      const file = pathOf(key);
      return write(() => removeFileDurably(file));
    },
    async list(prefix) {
      await read();
      const entries: StorageEntry[] = [];
      for (const name of await readdir(root)) {
        const key = keyOfFileName(name);
        if (key === undefined || !key.startsWith(prefix)) continue;
        const text = await readText(join(root, name));
        if (text !== undefined) entries.push({ key, value: decodeValue(text) });
      }
      return entries.sort(byKey);
    },
    batch: async (writes) => {
      const encoded = encodeWrites(writes).map(([key, text]): EncodedWrite => [fileNameOf(key), text]);
      return write(async () => {
        await writeFileAtomic(join(root, BATCH_FILE), JSON.stringify(encoded));
        await apply(root, encoded);
        await removeFileDurably(join(root, BATCH_FILE));
      });
    },
  };
}
