import { createGrantLedger, type GrantOffer, type JournalStorage } from '@coinslot/core';
import { findShopItem } from './shop-items.js';

/**
 * The key of a player's balance in the wallet's storage. It sits next to core's journal and grant ledger
 * (their keys start with `coinslot:`), so a grant writes the coins and the bill id in one transaction.
 */
export const coinsKey = (playerId: string): string => `shop:coins:${playerId}`;

/** The player's coins, kept in the same storage as core's bill journal and grant ledger. */
export interface CoinWallet {
  /** The player on screen: the one logged in. */
  readonly playerId: string;
  /** The on-screen player's balance, as stored now. */
  balance(): Promise<number>;
  /**
   * Core's `grant` hook: add a paid bill's coins to `bill.userId` through the grant ledger, so the new balance and
   * the bill id land in one storage transaction and a bill offered twice adds nothing the second time. Resolves
   * `grantOnce`'s answer — `false` when the coins were already added — which core passes on as `bill-granted`'s
   * `applied`. Throws for an item the shop does not sell (core then emits `grant-failed` and keeps the bill `paid`).
   */
  grant(offer: GrantOffer): Promise<boolean>;
  /** Call `listener` whenever a grant added coins, in this tab or in another tab of the shop. */
  onChange(listener: () => void): void;
}

/**
 * Open the wallet of `playerId` (the player the shop's backend logged in) over `storage` — pass the storage you give
 * `createCoinslot`.
 */
export function openCoinWallet(storage: JournalStorage, playerId: string): CoinWallet {
  const ledger = createGrantLedger(storage);
  const listeners = new Set<() => void>();
  const changed = (): void => {
    for (const listener of listeners) listener();
  };
  // Another tab may grant (recovery runs in every tab); it tells the others so they show the new balance.
  const tabs = typeof BroadcastChannel === 'function' ? new BroadcastChannel('coinslot-shop:coins') : undefined;
  tabs?.addEventListener('message', changed);

  return {
    playerId,
    balance: async () => Number((await storage.get(coinsKey(playerId))) ?? 0),
    async grant({ bill, billId }) {
      const item = findShopItem(bill.itemId);
      if (!item) throw new Error(`Bill ${billId} is for "${bill.itemId}", which this shop does not sell.`);
      const added = await ledger.grantOnce(billId, async (tx) => {
        const key = coinsKey(bill.userId);
        tx.set(key, Number((await tx.get(key)) ?? 0) + item.coins * bill.quantity);
      });
      if (added) {
        changed();
        tabs?.postMessage('coins-added');
      }
      return added;
    },
    onChange: (listener) => void listeners.add(listener),
  };
}
