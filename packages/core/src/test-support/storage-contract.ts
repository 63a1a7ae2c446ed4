import { expect, it } from 'vitest';
import type { JournalStorage } from '../storage/journal-storage.js';

/** The behaviour every {@link JournalStorage} promises; call inside a `describe` with a factory of fresh, empty storages. */
export function storageContract(make: () => JournalStorage | Promise<JournalStorage>): void {
  it('reads back a JSON copy of what was set, and undefined for a missing key', async () => {
    const storage = await make();
    const record = { state: 'paid', bill: { id: 'b_1X', amount: 499 }, list: [1, 'two', null] };
    await storage.set('coinslot:bill:b_1X', record);
    record.state = 'changed after set';
    expect(await storage.get('coinslot:bill:b_1X')).toEqual({
      state: 'paid',
      bill: { id: 'b_1X', amount: 499 },
      list: [1, 'two', null],
    });
    expect(await storage.get('coinslot:bill:missing')).toBeUndefined();
  });

  it('replaces a value, and deletes (a missing key too)', async () => {
    const storage = await make();
    await storage.set('k', 1);
    await storage.set('k', { n: 2 });
    expect(await storage.get('k')).toEqual({ n: 2 });
    await storage.delete('k');
    await storage.delete('never-set');
    expect(await storage.get('k')).toBeUndefined();
  });

  it('lists by prefix, sorted by key; keys keep case, colons and non-ASCII', async () => {
    const storage = await make();
    for (const key of [
      'coinslot:bill:b_2',
      'coinslot:bill:B_1',
      'coinslot:bill:b_1',
      'coinslot:granted:b_1',
      'jeu:épée',
    ]) {
      await storage.set(key, key.length);
    }
    const bills = await storage.list('coinslot:bill:');
    expect(bills.map((entry) => entry.key)).toEqual(['coinslot:bill:B_1', 'coinslot:bill:b_1', 'coinslot:bill:b_2']);
    expect(bills[0]).toEqual({ key: 'coinslot:bill:B_1', value: 17 });
    expect((await storage.list('')).map((entry) => entry.key)).toContain('jeu:épée');
    expect(await storage.list('nothing:')).toEqual([]);
  });

  it('applies a batch of sets and deletes together', async () => {
    const storage = await make();
    await storage.set('gone', true);
    await storage.batch([
      { key: 'inventory:gems', value: 100 },
      { key: 'coinslot:granted:b_1', value: { at: 1 } },
      { key: 'gone', delete: true },
    ]);
    expect(await storage.get('inventory:gems')).toBe(100);
    expect(await storage.get('coinslot:granted:b_1')).toEqual({ at: 1 });
    expect(await storage.get('gone')).toBeUndefined();
  });

  it('refuses a value JSON cannot hold, and a batch holding one changes nothing', async () => {
    const storage = await make();
    await expect(storage.set('k', undefined)).rejects.toThrow(TypeError);
    await expect(
      storage.batch([
        { key: 'a', value: 1 },
        { key: 'b', value: () => 2 },
      ]),
    ).rejects.toThrow(TypeError);
    expect(await storage.get('a')).toBeUndefined();
  });
}
