import type { Bill } from '@coinslot/protocol';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../internal/logger.js';
import { createMemoryStorage } from '../storage/memory-storage.js';
import { createBillJournal } from './bill-journal.js';
import { canMove } from './journal-record.js';

const bill = (id: string): Bill =>
  ({
    id,
    userId: 'player-42',
    itemId: 'gem',
    quantity: 1,
    amount: 499,
    currency: 'USD',
    channel: 'fake',
    state: 'created',
    createdAt: 1,
    updatedAt: 1,
    expiresAt: 2,
  }) as Bill;

describe('bill journal', () => {
  it('records what resuming needs, and keeps the first createdAt', async () => {
    const journal = createBillJournal(createMemoryStorage(), 'http://pay.test', silentLogger);
    const first = await journal.write(bill('b_1'), { state: 'created' });
    const pending = await journal.write(bill('b_1'), { state: 'pending', pendingReason: 'network' });
    expect(pending).toMatchObject({
      v: 1,
      billId: 'b_1',
      server: 'http://pay.test',
      userId: 'player-42',
      channel: 'fake',
      state: 'pending',
      pendingReason: 'network',
      createdAt: first.createdAt,
    });
    expect((await journal.write(bill('b_1'), { state: 'waiting' })).pendingReason).toBeUndefined();
  });

  it('only moves states forward, so a late write never undoes a grant or a delivery', async () => {
    const journal = createBillJournal(createMemoryStorage(), 'http://pay.test', silentLogger);
    await journal.write(bill('b_1'), { state: 'granted' });
    expect((await journal.write(bill('b_1'), { state: 'paid' })).state).toBe('granted');
    expect((await journal.write(bill('b_1'), { state: 'pending', pendingReason: 'aborted' })).state).toBe('granted');
    const delivered = await journal.write(bill('b_1'), { state: 'delivered' });
    expect(delivered).toMatchObject({
      state: 'delivered',
      grantedAt: expect.any(Number),
      deliveredAt: expect.any(Number),
    });
    expect((await journal.write(bill('b_1'), { state: 'waiting' })).state).toBe('delivered');
    expect(canMove('paid', 'failed')).toBe(false);
    expect(canMove('pending', 'expired')).toBe(true);
  });

  it.each([
    ['cancelled', 'paid', true],
    ['expired', 'paid', true],
    ['cancelled', 'delivered', true],
    ['expired', 'delivered', true],
    ['cancelled', 'granted', false],
    ['expired', 'waiting', false],
    ['cancelled', 'pending', false],
    ['expired', 'failed', false],
    ['failed', 'paid', false],
    ['failed', 'delivered', false],
    ['delivered', 'paid', false],
    ['delivered', 'cancelled', false],
  ] as const)('a late payment: %s → %s is %s', (from, to, allowed) => {
    expect(canMove(from, to)).toBe(allowed);
  });

  it.each([
    ['paid', 'refunded', true],
    ['granted', 'charged_back', true],
    ['delivered', 'refunded', true],
    ['cancelled', 'refunded', true],
    ['refunded', 'refunded', true],
    ['refunded', 'charged_back', true],
    ['charged_back', 'charged_back', true],
    ['charged_back', 'refunded', false],
    ['failed', 'refunded', false],
    ['refunded', 'delivered', false],
    ['refunded', 'paid', false],
    ['charged_back', 'waiting', false],
  ] as const)('a reversal: %s → %s is %s', (from, to, allowed) => {
    expect(canMove(from, to)).toBe(allowed);
  });

  it('records a reversal of a granted bill: grantedAt stays, revokedAt is set once and kept', async () => {
    const journal = createBillJournal(createMemoryStorage(), 'http://pay.test', silentLogger);
    const granted = await journal.write(bill('b_1'), { state: 'granted' });
    const delivered = await journal.write(bill('b_1'), { state: 'delivered' });
    const refunded = await journal.write(bill('b_1'), { state: 'refunded', revoked: false });
    expect(refunded).toMatchObject({
      state: 'refunded',
      grantedAt: granted.grantedAt,
      deliveredAt: delivered.deliveredAt,
    });
    expect(refunded.revokedAt).toBeUndefined();
    const revoked = await journal.write(bill('b_1'), { state: 'refunded', revoked: true });
    expect(revoked.revokedAt).toEqual(expect.any(Number));
    expect((await journal.write(bill('b_1'), { state: 'charged_back' })).revokedAt).toBe(revoked.revokedAt);
    expect((await journal.write(bill('b_1'), { state: 'refunded', revoked: true })).state).toBe('charged_back');
  });

  it("counts a bill the app delivered itself (deliver()) as granted here, and a server's delivery as not", async () => {
    const journal = createBillJournal(createMemoryStorage(), 'http://pay.test', silentLogger);
    expect((await journal.write(bill('b_1'), { state: 'delivered', granted: true })).grantedAt).toEqual(
      expect.any(Number),
    );
    expect((await journal.write(bill('b_2'), { state: 'delivered' })).grantedAt).toBeUndefined();
  });

  it('records a late payment on a cancelled or expired bill, then its grant and delivery; a failed one stays failed', async () => {
    const journal = createBillJournal(createMemoryStorage(), 'http://pay.test', silentLogger);
    for (const state of ['cancelled', 'expired'] as const) {
      await journal.write(bill(state), { state });
      expect((await journal.write(bill(state), { state: 'waiting' })).state).toBe(state);
      expect((await journal.write(bill(state), { state: 'paid' })).state).toBe('paid');
      expect((await journal.write(bill(state), { state: 'granted' })).state).toBe('granted');
      expect((await journal.write(bill(state), { state: 'delivered' })).state).toBe('delivered');
    }
    await journal.write(bill('declined'), { state: 'failed' });
    expect((await journal.write(bill('declined'), { state: 'paid' })).state).toBe('failed');
  });

  it("lists only its own server's records, oldest first, skipping values that are not records", async () => {
    const storage = createMemoryStorage();
    const here = createBillJournal(storage, 'http://pay.test', silentLogger);
    await here.write(bill('b_2'), { state: 'created' });
    await new Promise((resolve) => setTimeout(resolve, 2));
    await here.write(bill('b_1'), { state: 'created' });
    await createBillJournal(storage, 'http://other.test', silentLogger).write(bill('b_3'), { state: 'created' });
    await storage.set('coinslot:bill:junk', { hello: 'world' });
    expect((await here.list()).map((record) => record.billId)).toEqual(['b_2', 'b_1']);
    expect(await here.read('b_3')).toBeUndefined();
  });

  it('serialises writes to one record', async () => {
    const journal = createBillJournal(createMemoryStorage(), 'http://pay.test', silentLogger);
    await Promise.all([
      journal.write(bill('b_1'), { state: 'delivered' }),
      journal.write(bill('b_1'), { state: 'paid' }),
    ]);
    expect((await journal.read('b_1'))?.state).toBe('delivered');
  });

  it('note() logs a storage failure instead of throwing', async () => {
    const errors: string[] = [];
    const storage = { ...createMemoryStorage(), set: () => Promise.reject(new Error('disk full')) };
    const journal = createBillJournal(storage, 'http://pay.test', {
      ...silentLogger,
      error: (message) => errors.push(message),
    });
    await expect(journal.write(bill('b_1'), { state: 'created' })).rejects.toThrow('disk full');
    await expect(journal.note(bill('b_1'), { state: 'created' })).resolves.toBeUndefined();
    expect(errors).toEqual([expect.stringContaining('b_1')]);
  });
});
