import { createCoinslot, createIndexedDbStorage } from '@coinslot/core';
import { openCoinWallet } from './coin-wallet.js';
import { createEventLog } from './event-log.js';
import { describe, logCoinslot } from './log-coinslot.js';
import { renderShop } from './render-shop.js';
import { SHOP_ITEMS, type ShopItem } from './shop-items.js';

// ONE storage for core's bill journal, the grant ledger and the coins (IndexedDB database `coinslot`), so a grant
// writes the balance and the granted bill id in one transaction.
const storage = createIndexedDbStorage();
const wallet = openCoinWallet(storage);
const log = createEventLog(document.querySelector<HTMLElement>('#log')!);
const view = renderShop(SHOP_ITEMS, buy);
document.querySelector('#player')!.textContent = wallet.playerId;

let balanceReads = 0;
function showBalance(): void {
  const read = ++balanceReads; // only the latest read is shown, whatever order the reads finish in
  wallet.balance().then(
    (coins) => read === balanceReads && view.showBalance(coins),
    (error: unknown) => log.add(`Could not read the balance: ${describe(error)}`, 'bad', { state: 'error' }),
  );
}
showBalance();
wallet.onChange(showBalance);

// The pay server and this page share an origin (see server/create-shop-server.ts).
const coinslot = createCoinslot({
  server: location.origin,
  channels: { sandbox: () => import('@coinslot/channel-sandbox') },
  channelOptions: { sandbox: { presentation: 'popup' } },
  appVersion: '0.1.0',
  storage,
  // Core calls this for every paid bill — a purchase, a resume or a recovery — then records the delivery.
  // It resolves `false` for a bill whose coins were already added (`bill-granted` then says `applied: false`).
  grant: (offer) => wallet.grant(offer),
  userId: wallet.playerId, // recovery also asks the pay server for this player's paid, undelivered bills
});
// Before ready(), which starts recovery in the background: its report comes with `recovery-finished`.
logCoinslot(coinslot, log);

coinslot
  .ready()
  .then(({ ready }) => {
    if (ready.has('sandbox')) {
      view.setBusy(false);
      log.add('Shop open. Pick a pack!');
    }
  })
  .catch((error: unknown) => log.add(`The shop could not start: ${describe(error)}`, 'bad', { state: 'error' }));

/** Runs inside the click, so core can open the checkout popup without the browser blocking it. */
function buy(item: ShopItem): void {
  view.setBusy(true);
  coinslot
    .purchase({ channel: 'sandbox', userId: wallet.playerId, itemId: item.id, amount: item.amount, currency: item.currency })
    .catch((error: unknown) => log.add(`Purchase failed: ${describe(error)}`, 'bad', { state: 'error' }))
    .finally(() => view.setBusy(false));
}
