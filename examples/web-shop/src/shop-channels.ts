import type { ShopCurrency } from './shop-items.js';

/** The channels this shop can offer. Steam is not one: it runs only in Electron (see examples/electron-game). */
export type ShopChannelId = 'sandbox' | 'stripe' | 'alipay' | 'wechatpay';

/** How the shop shows a channel in its picker, and what it charges in. */
export interface ShopChannel {
  /** The adapter's (and its driver's) id. */
  id: ShopChannelId;
  /** The picker's label. Adapters carry an id only, so the shop names them. */
  name: string;
  /** A few words on how the player pays. */
  how: string;
  /** The currency its bills are in (Alipay and WeChat Pay charge yuan only). */
  currency: ShopCurrency;
}

/** Every channel the shop knows, in the picker's order. The server says which of them it runs. */
export const SHOP_CHANNELS: Readonly<Record<ShopChannelId, ShopChannel>> = {
  sandbox: { id: 'sandbox', name: 'Sandbox', how: 'a test checkout in a popup', currency: 'USD' },
  stripe: { id: 'stripe', name: 'Card (Stripe)', how: 'Stripe Checkout in a popup', currency: 'USD' },
  alipay: { id: 'alipay', name: 'Alipay', how: 'scan a QR code with Alipay', currency: 'CNY' },
  wechatpay: { id: 'wechatpay', name: 'WeChat Pay', how: 'scan a QR code with WeChat', currency: 'CNY' },
};

/** The channel with this id, if the shop knows it. */
export function findShopChannel(id: string): ShopChannel | undefined {
  return Object.hasOwn(SHOP_CHANNELS, id) ? SHOP_CHANNELS[id as ShopChannelId] : undefined;
}
