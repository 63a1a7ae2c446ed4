import type { Bill } from '@coinslot/core';
import { findShopItem } from '../src/shop-items.js';
import type { CoinGrant, CoinLedger } from './coin-ledger.js';

/** The coins a paid bill is worth: its pack's coins times its quantity. */
export function coinsOf(bill: Readonly<Bill>): number {
  const item = findShopItem(bill.itemId);
  // The pay server prices bills from the same list (shopCatalog()), so a bill for another item cannot be paid here.
  if (!item) throw new Error(`Bill ${bill.id} is for "${bill.itemId}", which this shop does not sell.`);
  return item.coins * bill.quantity;
}

/**
 * Grant a paid bill's coins to its player, once: the balance and the bill id are one ledger write, and a bill
 * already in the ledger (granted before, or reversed before its grant arrived) adds nothing. Answers whether coins
 * were added now.
 */
export async function grantBill(ledger: CoinLedger, bill: Readonly<Bill>, now = new Date()): Promise<boolean> {
  const coins = coinsOf(bill);
  return ledger.update((data) => {
    if (data.grants[bill.id] !== undefined) return undefined;
    const grant: CoinGrant = {
      billId: bill.id,
      playerId: bill.userId,
      itemId: bill.itemId,
      coins,
      takenBack: 0,
      state: 'granted',
      grantedAt: now.toISOString(),
    };
    return {
      balances: { ...data.balances, [bill.userId]: (data.balances[bill.userId] ?? 0) + coins },
      grants: { ...data.grants, [bill.id]: grant },
    };
  });
}

/**
 * How many of a bill's coins a reversal takes back in all: every coin after a chargeback; after a refund the share
 * refunded so far (`refundedAmount`, cumulative), rounded up — the player keeps no coin whose money came back.
 */
export function coinsToTakeBack(bill: Readonly<Bill>, coins: number): number {
  if (bill.state === 'charged_back') return coins;
  const refunded = Math.min(bill.refundedAmount ?? bill.amount, bill.amount);
  return Math.ceil((coins * refunded) / bill.amount);
}

/**
 * Take back the coins of a refunded or charged-back bill: up to {@link coinsToTakeBack} in all, minus what was
 * taken back before, so a repeated event takes nothing more and a further partial refund takes only the difference.
 * A reversal of a bill never granted records the bill with no coins, so a late `bill.paid` cannot grant it. Answers
 * how many coins were taken now.
 */
export async function takeBackBill(ledger: CoinLedger, bill: Readonly<Bill>, now = new Date()): Promise<number> {
  const state = bill.state === 'charged_back' ? 'charged_back' : 'refunded';
  let taken = 0;
  await ledger.update((data) => {
    const grant = data.grants[bill.id];
    if (grant === undefined) {
      const none: CoinGrant = {
        billId: bill.id,
        playerId: bill.userId,
        itemId: bill.itemId,
        coins: 0,
        takenBack: 0,
        state,
        grantedAt: now.toISOString(),
      };
      return { balances: data.balances, grants: { ...data.grants, [bill.id]: none } };
    }
    if (grant.state === 'charged_back') return undefined; // final: an older refund event replayed changes nothing
    taken = Math.max(0, coinsToTakeBack(bill, grant.coins) - grant.takenBack);
    if (taken === 0 && grant.state === state) return undefined;
    return {
      balances: { ...data.balances, [grant.playerId]: (data.balances[grant.playerId] ?? 0) - taken },
      grants: { ...data.grants, [bill.id]: { ...grant, takenBack: grant.takenBack + taken, state } },
    };
  });
  return taken;
}
