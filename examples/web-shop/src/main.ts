import { createCoinslot, createIndexedDbStorage, type ResultPublicKey } from '@coinslot/core';
import { openCoinWallet } from './coin-wallet.js';
import { createEventLog } from './event-log.js';
import { describe, logCoinslot } from './log-coinslot.js';
import { showLogin, showPlayer } from './login-form.js';
import { renderShop } from './render-shop.js';
import { currentPlayer, payServerKeys, playerToken } from './shop-session.js';
import { SHOP_ITEMS, type ShopItem } from './shop-items.js';

const log = createEventLog(document.querySelector<HTMLElement>('#log')!);
const view = renderShop(SHOP_ITEMS, buy);
let purchase: ((item: ShopItem) => Promise<unknown>) | undefined;

/** Log in first: the shop's backend says who plays, and vouches for that player to the pay server. */
async function start(): Promise<void> {
  const playerId = await currentPlayer();
  document.body.dataset.session = playerId === undefined ? 'none' : 'player';
  if (playerId === undefined) {
    log.add('Log in to shop: pick a player name.');
    showLogin((message) => log.add(message, 'bad', { state: 'error' }));
    return;
  }
  showPlayer(playerId);
  openShop(playerId, await payServerKeys());
}

function openShop(playerId: string, trustedKeys: ResultPublicKey[]): void {
  // ONE storage for core's bill journal, the grant ledger and the coins (IndexedDB database `coinslot`), so a grant
  // writes the balance and the granted bill id in one transaction.
  const storage = createIndexedDbStorage();
  const wallet = openCoinWallet(storage, playerId);
  let balanceReads = 0;
  const showBalance = (): void => {
    const read = ++balanceReads; // only the latest read is shown, whatever order the reads finish in
    wallet.balance().then(
      (coins) => read === balanceReads && view.showBalance(coins),
      (error: unknown) => log.add(`Could not read the balance: ${describe(error)}`, 'bad', { state: 'error' }),
    );
  };
  showBalance();
  wallet.onChange(showBalance);

  const coinslot = createCoinslot({
    server: location.origin, // the pay server shares this page's origin (see server/create-shop-server.ts)
    trustedKeys, // pinned: the shop's backend read them from its pay server at start, never from the network
    getPlayerToken: playerToken, // minted by the shop's backend for the logged-in player; core asks again after a 401
    channels: { sandbox: () => import('@coinslot/channel-sandbox') },
    channelOptions: { sandbox: { presentation: 'popup' } },
    appVersion: '0.1.0',
    storage,
    // Core calls this for every paid bill — a purchase, a resume or a recovery — then records the delivery.
    // It resolves `false` for a bill whose coins were already added (`bill-granted` then says `applied: false`).
    grant: (offer) => wallet.grant(offer),
    // No userId: recovery asks the pay server for the token's player's paid, undelivered bills.
  });
  // Before ready(), which starts recovery in the background: its report comes with `recovery-finished`.
  logCoinslot(coinslot, log);
  // No userId either: the pay server makes the bill the token's player's.
  purchase = (item) =>
    coinslot.purchase({ channel: 'sandbox', itemId: item.id, amount: item.amount, currency: item.currency });

  coinslot
    .ready()
    .then(({ ready }) => {
      if (ready.has('sandbox')) {
        view.setBusy(false);
        log.add('Shop open. Pick a pack!');
      }
    })
    .catch((error: unknown) => log.add(`The shop could not start: ${describe(error)}`, 'bad', { state: 'error' }));
}

/** Runs inside the click, so core can open the checkout popup without the browser blocking it. */
function buy(item: ShopItem): void {
  if (!purchase) return;
  view.setBusy(true);
  purchase(item)
    .catch((error: unknown) => log.add(`Purchase failed: ${describe(error)}`, 'bad', { state: 'error' }))
    .finally(() => view.setBusy(false));
}

start().catch((error: unknown) => log.add(`The shop could not start: ${describe(error)}`, 'bad', { state: 'error' }));
