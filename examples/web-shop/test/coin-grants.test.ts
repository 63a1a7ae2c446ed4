import type { Bill } from '@coinslot/core';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { coinsToTakeBack, grantBill, takeBackBill } from '../server/coin-grants.js';
import { openCoinLedger } from '../server/coin-ledger.js';

/** A bill as the pay server's events carry it: the 550-coin chest for $4.99, bought by ada. */
const chest = (state: Bill['state'], extra: Partial<Bill> = {}): Bill => ({
  id: 'b_chest000000000000000001',
  appId: 'default',
  itemId: 'coins-550',
  quantity: 1,
  amount: 499,
  currency: 'USD',
  channel: 'sandbox',
  userId: 'ada',
  state,
  createdAt: 1_700_000_000_000,
  updatedAt: 1_700_000_001_000,
  expiresAt: 1_700_000_900_000,
  ...extra,
});

const folders: string[] = [];
afterEach(async () => {
  await Promise.all(folders.splice(0).map((folder) => rm(folder, { recursive: true, force: true })));
});
const tempFolder = async () => {
  const folder = await mkdtemp(join(tmpdir(), 'shop-ledger-'));
  folders.push(folder);
  return folder;
};

describe('grantBill', () => {
  it('adds a paid bill’s coins once: the second grant of the same bill adds nothing', async () => {
    const ledger = await openCoinLedger();
    expect(await grantBill(ledger, chest('paid'))).toBe(true);
    expect(await grantBill(ledger, chest('paid'))).toBe(false);
    expect(ledger.balance('ada')).toBe(550);
    expect(ledger.grants('ada', 10)).toEqual([expect.objectContaining({ billId: chest('paid').id, coins: 550 })]);
  });

  it('grants quantity × the pack’s coins, to the bill’s player', async () => {
    const ledger = await openCoinLedger();
    await grantBill(ledger, chest('paid', { id: 'b_pouches00000000000000001', itemId: 'coins-100', quantity: 3 }));
    expect(ledger.balance('ada')).toBe(300);
    expect(ledger.balance('bob')).toBe(0);
  });

  it('refuses an item the shop does not sell, and writes nothing', async () => {
    const ledger = await openCoinLedger();
    await expect(grantBill(ledger, chest('paid', { itemId: 'coins-9999' }))).rejects.toThrow(/does not sell/);
    expect(ledger.grants('ada', 10)).toEqual([]);
  });
});

describe('coinsToTakeBack', () => {
  it('takes back the refunded share rounded up, all of it after a full refund or a chargeback', () => {
    expect(coinsToTakeBack(chest('refunded', { refundedAmount: 100 }), 550)).toBe(111); // 110.2…
    expect(coinsToTakeBack(chest('refunded', { refundedAmount: 1 }), 550)).toBe(2); // 1.1…
    expect(coinsToTakeBack(chest('refunded', { refundedAmount: 499 }), 550)).toBe(550);
    expect(coinsToTakeBack(chest('charged_back'), 550)).toBe(550);
  });
});

describe('takeBackBill', () => {
  it('a further partial refund takes only the difference; the same refund again takes nothing', async () => {
    const ledger = await openCoinLedger();
    await grantBill(ledger, chest('paid'));
    expect(await takeBackBill(ledger, chest('refunded', { refundedAmount: 100 }))).toBe(111);
    expect(await takeBackBill(ledger, chest('refunded', { refundedAmount: 100 }))).toBe(0);
    expect(await takeBackBill(ledger, chest('refunded', { refundedAmount: 300 }))).toBe(220); // 331 in all
    expect(ledger.balance('ada')).toBe(550 - 331);
    expect(ledger.grantOf(chest('paid').id)).toMatchObject({ takenBack: 331, state: 'refunded' });
  });

  it('a chargeback takes the rest; an older refund event replayed after it changes nothing', async () => {
    const ledger = await openCoinLedger();
    await grantBill(ledger, chest('paid'));
    await takeBackBill(ledger, chest('refunded', { refundedAmount: 100 }));
    expect(await takeBackBill(ledger, chest('charged_back'))).toBe(439);
    expect(await takeBackBill(ledger, chest('refunded', { refundedAmount: 100 }))).toBe(0);
    expect(ledger.balance('ada')).toBe(0);
    expect(ledger.grantOf(chest('paid').id)).toMatchObject({ takenBack: 550, state: 'charged_back' });
  });

  it('a reversal of a bill never granted records it with no coins, so a late bill.paid grants nothing', async () => {
    const ledger = await openCoinLedger();
    expect(await takeBackBill(ledger, chest('charged_back'))).toBe(0);
    expect(await grantBill(ledger, chest('paid'))).toBe(false);
    expect(ledger.balance('ada')).toBe(0);
  });
});

describe('openCoinLedger with a file', () => {
  it('keeps balances and grants across a reopen, the balance and its grant in one file', async () => {
    const file = join(await tempFolder(), 'wallets.json');
    await grantBill(await openCoinLedger(file), chest('paid'));
    const stored = JSON.parse(await readFile(file, 'utf8'));
    expect(stored).toMatchObject({ balances: { ada: 550 }, grants: { [chest('paid').id]: { coins: 550 } } });

    const reopened = await openCoinLedger(file);
    expect(reopened.balance('ada')).toBe(550);
    expect(await grantBill(reopened, chest('paid'))).toBe(false);
  });

  it('a write that fails changes nothing, so the retried webhook grants then', async () => {
    const file = join(await tempFolder(), 'wallets.json');
    const ledger = await openCoinLedger(file);
    await mkdir(join(file, 'in-the-way'), { recursive: true }); // the file's place is taken: the rename fails
    await expect(grantBill(ledger, chest('paid'))).rejects.toThrow();
    expect(ledger.balance('ada')).toBe(0);
    expect(ledger.grantOf(chest('paid').id)).toBeUndefined();

    await rm(file, { recursive: true });
    expect(await grantBill(ledger, chest('paid'))).toBe(true);
    expect(ledger.balance('ada')).toBe(550);
  });
});
