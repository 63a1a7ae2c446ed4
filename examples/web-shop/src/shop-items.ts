/** One coin pack on sale. Shared by the page (what to show and buy) and the shop's pay server (its price list). */
export interface ShopItem {
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
  /** A ribbon on the card, if any. */
  badge?: string;
}

/** The shop's three coin packs. */
export const SHOP_ITEMS: readonly ShopItem[] = [
  { id: 'coins-100', name: 'Pouch of coins', coins: 100, amount: 99, currency: 'USD' },
  { id: 'coins-550', name: 'Chest of coins', coins: 550, amount: 499, currency: 'USD', badge: '+10% bonus' },
  { id: 'coins-1200', name: 'Vault of coins', coins: 1200, amount: 999, currency: 'USD', badge: 'Best value' },
];

/** The item with this id, if the shop sells it. */
export function findShopItem(itemId: string): ShopItem | undefined {
  return SHOP_ITEMS.find((item) => item.id === itemId);
}

/** The pay server's catalog (price of one item, keyed by item id), so it refuses a tampered price. */
export function shopCatalog(): Record<string, { amount: number; currency: string }> {
  return Object.fromEntries(SHOP_ITEMS.map((item) => [item.id, { amount: item.amount, currency: item.currency }]));
}

/** `$4.99` for 499 USD cents, in the player's locale. */
export function formatPrice(amount: number, currency: string): string {
  return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(amount / 100);
}
