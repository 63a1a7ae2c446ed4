/** A currency the shop sells in: US dollars (sandbox, Stripe) or Chinese yuan (Alipay, WeChat Pay take CNY only). */
export type ShopCurrency = 'USD' | 'CNY';

/** One coin pack on sale. Shared by the page (what to show and buy) and the shop's pay server (its price list). */
export interface ShopItem {
  /** The item (SKU) id sent with a bill in US dollars. */
  id: string;
  /** The pack's name on its card. */
  name: string;
  /** Coins granted per pack. */
  coins: number;
  /** Price of one pack in cents (USD). */
  amount: number;
  /** ISO 4217 code of {@link ShopItem.amount}. */
  currency: 'USD';
  /** Price of one pack in fen (CNY), for the channels that charge yuan. */
  cnyAmount: number;
  /** A ribbon on the card, if any. */
  badge?: string;
}

/** One pack at one price: what a bill names (`itemId`, `amount`, `currency`) and the pay server's catalog holds. */
export interface ShopPrice {
  itemId: string;
  amount: number;
  currency: ShopCurrency;
}

/** The shop's three coin packs. */
export const SHOP_ITEMS: readonly ShopItem[] = [
  { id: 'coins-100', name: 'Pouch of coins', coins: 100, amount: 99, currency: 'USD', cnyAmount: 700 },
  {
    id: 'coins-550',
    name: 'Chest of coins',
    coins: 550,
    amount: 499,
    currency: 'USD',
    cnyAmount: 3500,
    badge: '+10% bonus',
  },
  {
    id: 'coins-1200',
    name: 'Vault of coins',
    coins: 1200,
    amount: 999,
    currency: 'USD',
    cnyAmount: 7000,
    badge: 'Best value',
  },
];

/** The suffix of a pack's item id in yuan: the pay server keeps one price per item id, so each currency has its own. */
const CNY_SUFFIX = '-cny';

/** The pack's price in `currency`: `coins-550` at 499 USD, `coins-550-cny` at 3500 CNY. */
export function priceOf(item: ShopItem, currency: ShopCurrency): ShopPrice {
  return currency === 'CNY'
    ? { itemId: `${item.id}${CNY_SUFFIX}`, amount: item.cnyAmount, currency }
    : { itemId: item.id, amount: item.amount, currency };
}

/** The pack a bill's item id names (in any currency), if the shop sells it. */
export function findShopItem(itemId: string): ShopItem | undefined {
  const id = itemId.endsWith(CNY_SUFFIX) ? itemId.slice(0, -CNY_SUFFIX.length) : itemId;
  return SHOP_ITEMS.find((item) => item.id === id);
}

/**
 * The pay server's catalog: the price of one item, keyed by item id, in each currency the shop's channels charge
 * (US dollars only unless a channel charges yuan), so it refuses a tampered price.
 */
export function shopCatalog(
  currencies: readonly ShopCurrency[] = ['USD'],
): Record<string, { amount: number; currency: string }> {
  const prices = SHOP_ITEMS.flatMap((item) => currencies.map((currency) => priceOf(item, currency)));
  return Object.fromEntries(prices.map(({ itemId, amount, currency }) => [itemId, { amount, currency }]));
}

/** `$4.99` for 499 USD cents, `¥35.00` for 3500 CNY fen, in the player's locale. */
export function formatPrice(amount: number, currency: string): string {
  return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(amount / 100);
}
