import type { Coinslot, JournalStorage } from '@coinslot/core';
import type { QrCheckoutOptions, QrCheckoutOutcome } from '@coinslot/qr';
import { type ChannelDisplay, type CheckoutUi, mountCheckout } from '@coinslot/ui';
import { SHOP_CHANNELS, findShopChannel } from './shop-channels.js';
import { findShopItem } from './shop-items.js';

let mounted: CheckoutUi | undefined;

/** The shop's names for its channels (its picker labels, and how each one pays in which currency). */
const CHANNEL_DISPLAY: Record<string, ChannelDisplay> = Object.fromEntries(
  Object.values(SHOP_CHANNELS).map((channel) => [
    channel.id,
    { name: channel.name, hint: `${channel.how} · ${channel.currency}` },
  ]),
);

/**
 * Mount `@coinslot/ui` into `#channels`: the player's view of every purchase (the picker, the checkout's steps, the
 * result, the recovery notice). The developer log (`#log`) still lists each event with its bill id. `?lang=zh-CN`
 * shows the UI in Simplified Chinese. Mount before `ready()`, so the UI hears the recovery it starts.
 */
export function mountShopCheckout(
  coinslot: Coinslot,
  storage: JournalStorage,
  onCurrency: (currency: 'USD' | 'CNY') => void,
  onError: (error: unknown) => void,
): CheckoutUi {
  const locale = new URLSearchParams(location.search).get('lang') ?? undefined;
  mounted = mountCheckout(document.querySelector('#channels')!, {
    coinslot,
    storage,
    locale,
    server: location.origin,
    channels: locale === undefined ? CHANNEL_DISPLAY : {}, // the built-in names, translated, for another language
    itemName: (bill) => {
      const coins = (findShopItem(bill.itemId)?.coins ?? 0) * bill.quantity;
      return locale?.startsWith('zh') ? `${coins.toLocaleString('zh-CN')} 金币` : `${coins.toLocaleString('en')} coins`;
    },
    onError,
    onChannelChange: (id) => onCurrency(findShopChannel(id)?.currency ?? 'USD'),
  });
  return mounted;
}

/** The QR channels' view: the mounted UI's (the code, the amount and the countdown, tied to the open purchase). */
export function shopQrView(input: QrCheckoutOptions): Promise<QrCheckoutOutcome> {
  if (!mounted) return Promise.reject(new Error('The checkout UI is not mounted yet'));
  return mounted.qrView(input);
}
