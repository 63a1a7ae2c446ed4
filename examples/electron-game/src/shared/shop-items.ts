/** One coin pack on sale in the game's shop. */
export interface CoinPack {
  /** The item (SKU) id sent with the bill. */
  id: string;
  /** The pack's name on its card. */
  name: string;
  /** Coins granted per pack. */
  coins: number;
  /** Price of one pack in cents. */
  amount: number;
  /** ISO 4217 code. */
  currency: string;
}

/**
 * The game's coin packs. The renderer shows them, the main process looks up how many coins a paid bill is worth,
 * and the pay server uses them as its price list (so a tampered price is refused with `AMOUNT_MISMATCH`).
 */
export const COIN_PACKS: readonly CoinPack[] = [
  { id: 'coins-100', name: 'Pouch of coins', coins: 100, amount: 99, currency: 'USD' },
  { id: 'coins-550', name: 'Chest of coins', coins: 550, amount: 499, currency: 'USD' },
  { id: 'coins-1200', name: 'Vault of coins', coins: 1200, amount: 999, currency: 'USD' },
];

/** The pack with this item id, if the game sells it. */
export function findCoinPack(itemId: string): CoinPack | undefined {
  return COIN_PACKS.find((pack) => pack.id === itemId);
}

/** The pay server's catalog: the price of one pack, keyed by item id. */
export function coinCatalog(): Record<string, { amount: number; currency: string }> {
  return Object.fromEntries(COIN_PACKS.map((pack) => [pack.id, { amount: pack.amount, currency: pack.currency }]));
}
