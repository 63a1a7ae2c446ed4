import type { SteamError, SteamMicroTxnInterface, SteamTxnStatus } from './steam-txn-values.js';

/** One line of an order's cart, as InitTxn received it. */
export interface SteamOrderItem {
  itemid: number;
  qty: number;
  /** The line's total in the currency's cents, as InitTxn sent it. */
  amount: number;
  /** Tax Steam reports beside the amount; the emulator charges none. */
  vat: number;
  itemstatus: SteamTxnStatus;
  description: string;
  category?: string;
}

/** An order the emulator holds: what InitTxn created, and what happened to it since. */
export interface SteamOrder {
  interface: SteamMicroTxnInterface;
  orderid: string;
  transid: string;
  steamid: string;
  appid: number;
  language: string;
  currency: string;
  usersession: 'client' | 'web';
  status: SteamTxnStatus;
  items: SteamOrderItem[];
  /** When InitTxn created it, ms since epoch. */
  createdAt: number;
  /** Its latest status change, ms since epoch: GetReport's `time`. */
  updatedAt: number;
  /** Why a `Failed` order failed, for FinalizeTxn's answer. */
  failure?: SteamError;
}

/** Steam's time format: RFC 3339 UTC to the second, `2010-01-01T00:00:00Z`. */
export function steamTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

/** An order as QueryTxn and GetReport list it (64-bit ids as strings, times in Steam's format). */
export function orderView(order: SteamOrder): Record<string, unknown> {
  return {
    orderid: order.orderid,
    transid: order.transid,
    steamid: order.steamid,
    status: order.status,
    currency: order.currency,
    time: steamTime(order.updatedAt),
    country: 'US',
    usstate: 'WA',
    timecreated: steamTime(order.createdAt),
    items: order.items.map(({ itemid, qty, amount, vat, itemstatus }) => ({ itemid, qty, amount, vat, itemstatus })),
  };
}

/** A snapshot of an order, safe to hand to a test (a copy: changing it changes nothing). */
export function copyOrder(order: SteamOrder): SteamOrder {
  return structuredClone(order);
}
