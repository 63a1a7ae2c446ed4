import { CoinslotError, createCoinslot, type Bill } from '@coinslot/core';
import { openCoinWallet } from './coin-wallet.js';
import { createEventLog } from './event-log.js';
import { renderShop } from './render-shop.js';
import { findShopItem, SHOP_ITEMS, type ShopItem } from './shop-items.js';

const wallet = openCoinWallet();
const log = createEventLog(document.querySelector<HTMLElement>('#log')!);
const view = renderShop(SHOP_ITEMS, buy);
view.showBalance(wallet.balance());
document.querySelector('#player')!.textContent = wallet.playerId;

// The pay server and this page share an origin (see server/create-shop-server.ts).
const coinslot = createCoinslot({
  server: location.origin,
  channels: { sandbox: () => import('@coinslot/channel-sandbox') },
  channelOptions: { sandbox: { presentation: 'popup' } },
  appVersion: '0.1.0',
});

coinslot.on('channel-skipped', ({ channel, message }) => log.add(`Channel ${channel} unavailable: ${message}`, 'bad'));
coinslot.on('bill-created', ({ bill }) => {
  log.add(`Bill ${bill.id} created: ${findShopItem(bill.itemId)?.name ?? bill.itemId}`, 'info', { billId: bill.id, state: 'created' });
  log.add('Waiting for the checkout…', 'wait', { billId: bill.id, state: 'waiting' });
});
// Also fires for a paid bill core re-offers after a reload; the wallet grants each bill once.
coinslot.on('bill-paid', ({ bill }) => void grantAndDeliver(bill));
coinslot.on('bill-delivered', ({ bill }) => log.add('Delivered. Enjoy your coins!', 'good', { billId: bill.id, state: 'delivered' }));
coinslot.on('bill-failed', ({ bill, state }) => {
  const text = { failed: 'Payment declined.', cancelled: 'Checkout cancelled.', expired: 'The bill expired unpaid.' }[state];
  log.add(text, 'bad', { billId: bill.id, state: state === 'failed' ? 'declined' : state });
});
coinslot.on('bill-pending', ({ bill }) =>
  log.add('Still pending: the coins arrive as soon as the payment is confirmed.', 'wait', { billId: bill.id, state: 'pending' }),
);

coinslot
  .ready()
  .then(({ ready }) => {
    if (!ready.has('sandbox')) return;
    view.setBusy(false);
    log.add('Shop open. Pick a pack!');
  })
  .catch((error: unknown) => log.add(`The shop could not start: ${describe(error)}`, 'bad'));

/** Runs inside the click, so core can open the checkout popup without the browser blocking it. */
function buy(item: ShopItem): void {
  view.setBusy(true);
  coinslot
    .purchase({ channel: 'sandbox', userId: wallet.playerId, itemId: item.id, amount: item.amount, currency: item.currency })
    .catch((error: unknown) => log.add(`Purchase failed: ${describe(error)}`, 'bad', { state: 'error' }))
    .finally(() => view.setBusy(false));
}

async function grantAndDeliver(bill: Bill): Promise<void> {
  const item = findShopItem(bill.itemId);
  if (!item) {
    log.add(`Paid bill ${bill.id} is for an item this shop does not sell: ${bill.itemId}`, 'bad', { billId: bill.id });
    return;
  }
  log.add(`Paid: ${item.name}.`, 'good', { billId: bill.id, state: 'paid' });
  if (wallet.grant(bill.id, item.coins * bill.quantity)) view.showBalance(wallet.balance());
  try {
    await coinslot.deliver(bill.id);
  } catch (error) {
    log.add(`Could not confirm the delivery yet: ${describe(error)}`, 'bad', { billId: bill.id, state: 'error' });
  }
}

function describe(error: unknown): string {
  if (!CoinslotError.isInstance(error)) return String(error);
  return error.safeToShow ? error.message : `something went wrong (${error.code}). Please try again.`;
}
