import { describe, expect, it } from 'vitest';
import type { CoinslotOptions } from '../coinslot-options.js';
import { createMemoryStorage } from '../storage/memory-storage.js';
import { failingStorage } from '../test-support/journal-helpers.js';
import { createGrantLedger, type GrantTransaction } from './grant-ledger.js';

const addGems = (n: number) => async (tx: GrantTransaction) =>
  tx.set('inventory:gems', Number((await tx.get('inventory:gems')) ?? 0) + n);

describe('createGrantLedger', () => {
  it("applies a bill's grant once; the second call does not run apply", async () => {
    const storage = createMemoryStorage();
    const ledger = createGrantLedger(storage);
    expect(await ledger.grantOnce('b_1', addGems(100))).toBe(true);
    expect(
      await ledger.grantOnce('b_1', () => {
        throw new Error('must not run');
      }),
    ).toBe(false);
    expect(await storage.get('inventory:gems')).toBe(100);
    expect(await ledger.has('b_1')).toBe(true);
    expect(await createGrantLedger(storage).has('b_1')).toBe(true);
  });

  it('stores the item and the bill id in one batch: a failed write stores neither', async () => {
    const storage = createMemoryStorage();
    const broken = { ...storage, batch: () => Promise.reject(new Error('disk full')) };
    await expect(createGrantLedger(broken).grantOnce('b_1', addGems(100))).rejects.toThrow('disk full');
    expect(await storage.list('')).toEqual([]);
    expect(await createGrantLedger(failingStorage(storage, () => true)).grantOnce('b_1', addGems(100))).toBe(true);
  });

  it('stores nothing when apply throws', async () => {
    const storage = createMemoryStorage();
    const apply = async (tx: GrantTransaction) => {
      tx.set('inventory:gems', 1);
      throw new Error('no such item');
    };
    await expect(createGrantLedger(storage).grantOnce('b_1', apply)).rejects.toThrow('no such item');
    expect(await storage.list('')).toEqual([]);
  });

  it('runs grants one at a time, so two bills adding to one balance lose nothing', async () => {
    const storage = createMemoryStorage();
    const [tabA, tabB] = [createGrantLedger(storage), createGrantLedger(storage)];
    const slowAdd = (n: number) => async (tx: GrantTransaction) => {
      const gems = Number((await tx.get('inventory:gems')) ?? 0);
      await new Promise((resolve) => setTimeout(resolve, 10));
      tx.set('inventory:gems', gems + n);
    };
    await Promise.all([
      tabA.grantOnce('b_1', slowAdd(100)),
      tabB.grantOnce('b_2', slowAdd(50)),
      tabB.grantOnce('b_1', slowAdd(100)),
    ]);
    expect(await storage.get('inventory:gems')).toBe(150);
  });

  it('fits the grant option as it is (a compile-time check)', () => {
    const ledger = createGrantLedger(createMemoryStorage());
    const options: Pick<CoinslotOptions, 'grant'> = { grant: ({ billId }) => ledger.grantOnce(billId, addGems(100)) };
    expect(typeof options.grant).toBe('function');
  });

  it("reads staged values back, deletes, and refuses core's keys and bad bill ids", async () => {
    const storage = createMemoryStorage();
    await storage.set('old', true);
    const ledger = createGrantLedger(storage);
    await ledger.grantOnce('b_1', async (tx) => {
      tx.set('a', 1);
      expect(await tx.get('a')).toBe(1);
      tx.delete('old');
      expect(await tx.get('old')).toBeUndefined();
    });
    expect(await storage.get('old')).toBeUndefined();
    await expect(ledger.grantOnce('b_2', (tx) => tx.set('coinslot:bill:b_2', {}))).rejects.toMatchObject({
      code: 'INVALID_REQUEST',
    });
    await expect(ledger.grantOnce('../x', () => undefined)).rejects.toMatchObject({ code: 'INVALID_REQUEST' });
  });
});
