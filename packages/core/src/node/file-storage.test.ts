import * as fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { storageContract } from '../test-support/storage-contract.js';
import { fileNameOf, keyOfFileName } from './file-names.js';
import { createFileStorage } from './file-storage.js';

// A crash between the temporary write and the rename is simulated by making `rename` fail on demand.
const crash = vi.hoisted(() => ({ plan: [] as boolean[] })); // one entry per coming rename: true = die
vi.mock('node:fs/promises', async (original) => {
  const real = await original<typeof import('node:fs/promises')>();
  return {
    ...real,
    rename: vi.fn(async (from: string, to: string) => {
      if (crash.plan.shift() === true) {
        throw Object.assign(new Error('killed before rename'), { code: 'EKILLED' });
      }
      return real.rename(from, to);
    }),
  };
});

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(join(tmpdir(), 'coinslot-journal-'));
});
afterEach(async () => {
  crash.plan = [];
  await fs.rm(dir, { recursive: true, force: true });
});

describe('file storage', () => {
  storageContract(() => createFileStorage(join(dir, `contract-${Math.random()}`)));

  it('creates the directory and writes one readable JSON file per key', async () => {
    const nested = join(dir, 'a', 'b');
    await createFileStorage(nested).set('coinslot:bill:b_1X', { state: 'waiting' });
    expect(await fs.readdir(nested)).toEqual(['coinslot%3abill%3ab_1^x.json']);
    expect(JSON.parse(await fs.readFile(join(nested, 'coinslot%3abill%3ab_1^x.json'), 'utf8'))).toEqual({
      state: 'waiting',
    });
  });

  it('keeps the old record readable when the process dies between the temporary write and the rename', async () => {
    const storage = createFileStorage(dir);
    await storage.set('coinslot:bill:b_1', { state: 'waiting' });
    crash.plan = [true];
    await expect(storage.set('coinslot:bill:b_1', { state: 'paid' })).rejects.toThrow('killed before rename');
    expect(await storage.get('coinslot:bill:b_1')).toEqual({ state: 'waiting' });
    expect(await createFileStorage(dir).get('coinslot:bill:b_1')).toEqual({ state: 'waiting' });
  });

  it('ignores, then removes, temporary files a crash left behind', async () => {
    await createFileStorage(dir).set('k', 'old');
    await fs.writeFile(join(dir, '.k.json.abc123.tmp'), '{"torn');
    vi.resetModules();
    const fresh = (await import('./file-storage.js')).createFileStorage(dir);
    expect(await fresh.list('')).toEqual([{ key: 'k', value: 'old' }]);
    expect(await fs.readdir(dir)).toEqual(['k.json']);
  });

  it('replays a batch that a crash interrupted half-way, so it lands whole', async () => {
    const storage = createFileStorage(dir);
    await storage.set('inventory:gems', 0);
    crash.plan = [false, true]; // the batch file is written; the first write of the batch dies
    await expect(
      storage.batch([
        { key: 'inventory:gems', value: 100 },
        { key: 'coinslot:granted:b_1', value: 1 },
      ]),
    ).rejects.toThrow();
    vi.resetModules();
    const restarted = (await import('./file-storage.js')).createFileStorage(dir);
    expect(await restarted.get('inventory:gems')).toBe(100);
    expect(await restarted.get('coinslot:granted:b_1')).toBe(1);
    expect(await fs.readdir(dir)).not.toContain('.batch.json');
  });

  it('runs writes from two storages on one directory one at a time', async () => {
    const [a, b] = [createFileStorage(dir), createFileStorage(dir)];
    await Promise.all(Array.from({ length: 20 }, (_, n) => (n % 2 ? a : b).set(`k${n % 3}`, n)));
    expect((await a.list('')).map((entry) => entry.key)).toEqual(['k0', 'k1', 'k2']);
  });
});

describe('file names', () => {
  it.each(['coinslot:bill:b_01JD4X8Q6J9V2C7Y3F5K0M1N2P', 'a/b\\c', '..', 'épée ⚔', 'Aa'])('round-trips %s', (key) => {
    const name = fileNameOf(key);
    expect(name).toMatch(/^[a-z0-9_%^-]+\.json$/);
    expect(keyOfFileName(name)).toBe(key);
  });

  it('keeps keys that differ only in case apart on case-insensitive disks', () => {
    expect(fileNameOf('b_A').toLowerCase()).not.toBe(fileNameOf('b_a').toLowerCase());
  });

  it('refuses names that are not journal entries, and keys too long for a file', () => {
    expect(keyOfFileName('.batch.json')).toBeUndefined();
    expect(keyOfFileName('.k.json.abc.tmp')).toBeUndefined();
    expect(() => fileNameOf('x'.repeat(300))).toThrow(/too long/);
  });
});
