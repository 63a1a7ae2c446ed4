import type { Bill } from '@coinslot/protocol';

/** How one of the game's items appears at Steam. */
export interface SteamItem {
  /** InitTxn's `itemid`: the game's own 32-bit id for the item (it appears in Steam's reports). */
  itemId: number;
  /** The text Steam shows the player in the purchase dialog (≤ 128 characters). @default the item id */
  description?: string;
  /** InitTxn's optional `category`, used only in Steam's sales reports (≤ 64 characters). */
  category?: string;
}

/** The game's items keyed by the bill's `itemId`. */
export type SteamItems = Readonly<Record<string, SteamItem>>;

const UINT32_MAX = 4_294_967_295;

/** Whether `value` is a usable Steam item id. */
export const isSteamItemId = (value: unknown): value is number =>
  Number.isSafeInteger(value) && (value as number) >= 0 && (value as number) <= UINT32_MAX;

/**
 * The cart line InitTxn gets for a bill: the configured item, or — for an item id that is itself a uint32 in decimal
 * — that number; the amount is the bill's (the price list's, never the client's), the quantity the bill's. An item
 * with neither is refused: a made-up id would scatter the studio's Steam reports.
 */
export function steamCartLine(bill: Readonly<Bill>, items: SteamItems): Record<string, string> | string {
  const configured = Object.hasOwn(items, bill.itemId) ? items[bill.itemId] : undefined;
  const itemId = configured?.itemId ?? (/^\d{1,10}$/.test(bill.itemId) ? Number(bill.itemId) : Number.NaN);
  if (!isSteamItemId(itemId)) return `item "${bill.itemId}" has no Steam item id (set items["${bill.itemId}"].itemId)`;
  const name = configured?.description ?? bill.itemId;
  const description = (bill.quantity > 1 ? `${bill.quantity} × ${name}` : name).slice(0, 128);
  return {
    'itemid[0]': String(itemId),
    'qty[0]': String(bill.quantity),
    'amount[0]': String(bill.amount),
    'description[0]': description,
    ...(configured?.category ? { 'category[0]': configured.category.slice(0, 64) } : {}),
  };
}
