import { createCoinslot, createIndexedDbStorage } from '@coinslot/core';
import type { CheckoutUi } from '@coinslot/ui';
import { mountShopCheckout } from './checkout-ui.js';
import { walletView } from './coin-wallet.js';
import { createEventLog } from './event-log.js';
import { describe, logCoinslot } from './log-coinslot.js';
import { showLogin, showPlayer } from './login-form.js';
import { renderShop } from './render-shop.js';
import { shopAdapters } from './shop-adapters.js';
import { findShopChannel } from './shop-channels.js';
import { currentPlayer, playerToken, type ShopConfig, shopConfig } from './shop-session.js';
import { priceOf, SHOP_ITEMS, type ShopItem } from './shop-items.js';

const log = createEventLog(document.querySelector<HTMLElement>('#log')!);
const view = renderShop(SHOP_ITEMS, buy);
let checkout: CheckoutUi | undefined;

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
  openShop(await shopConfig());
}

function openShop({ trustedKeys, channels, emulators }: ShopConfig): void {
  if (emulators)
    document.querySelector('#subtitle')!.textContent =
      'Sandbox and emulated providers · nothing is charged, nothing leaves this machine';
  // The coins are the backend's (GET /api/wallet): it grants them from the pay server's webhooks. The page reads the
  // balance on load, after every delivery or reversal core reports, and when the tab is shown again.
  const refreshBalance = walletView(
    (wallet) => view.showBalance(wallet.coins),
    (error: unknown) => log.add(`Could not read the balance: ${describe(error)}`, 'bad', { state: 'error' }),
  );
  refreshBalance();
  document.addEventListener('visibilitychange', () => document.visibilityState === 'visible' && refreshBalance());

  const storage = createIndexedDbStorage(); // core's bill journal; the checkout UI reads it to see unfinished bills
  const coinslot = createCoinslot({
    server: location.origin, // the pay server shares this page's origin (see server/create-shop-server.ts)
    trustedKeys, // pinned: the shop's backend read them from its pay server at start, never from the network
    getPlayerToken: playerToken, // minted by the shop's backend for the logged-in player; core asks again after a 401
    ...shopAdapters(channels), // the channels the pay server runs: each adapter a lazy chunk (src/shop-adapters.ts)
    appVersion: '0.1.0',
    storage, // core's bill journal only, so a purchase interrupted by a crash is resumed
    // The game backend grants and marks bills delivered; core never does. After `paid` it keeps reading the bill's
    // signed state until the backend's delivery shows (`bill-delivered`), and recovery does the same later.
    fulfilment: 'server',
    // No userId: recovery asks the pay server for the token's player's bills.
  });
  // Before ready(), which starts recovery in the background: the developer log and the player's checkout UI both
  // hear its report (`recovery-finished`). The UI calls ready() itself and lists the channels that came out ready.
  logCoinslot(coinslot, log);
  checkout = mountShopCheckout(
    coinslot,
    storage,
    (currency) => view.showPrices(currency),
    (error) => log.add(`Purchase failed: ${describe(error)}`, 'bad', { state: 'error' }),
  );
  for (const event of ['bill-delivered', 'bill-refunded', 'bill-charged-back', 'recovery-finished'] as const)
    coinslot.on(event, refreshBalance);

  coinslot
    .ready()
    .then(({ ready }) => {
      if (ready.size > 0) {
        view.setBusy(false);
        log.add('Shop open. Pick a way to pay and a pack!');
      }
    })
    .catch((error: unknown) => log.add(`The shop could not start: ${describe(error)}`, 'bad', { state: 'error' }));
}

/**
 * Runs inside the click, so core can open the checkout popup without the browser blocking it. The UI shows every
 * step and the result to the player (and, while a purchase is open, shows that one instead of starting another);
 * the developer log gets the details. No userId: the pay server makes the bill the token's player's.
 */
function buy(item: ShopItem): void {
  const channel = checkout?.selected();
  if (!checkout || !channel) return;
  const price = priceOf(item, findShopChannel(channel)?.currency ?? 'USD'); // Alipay and WeChat Pay bills are in yuan
  void checkout.buy({ channel, ...price }).then((result) => {
    if (result?.status === 'paid' && result.pendingReason === 'awaiting-delivery')
      log.add('Paid; the coins appear as soon as the shop has added them.', 'wait', {
        billId: result.bill.id,
        state: 'awaiting-delivery',
      });
  });
}

start().catch((error: unknown) => log.add(`The shop could not start: ${describe(error)}`, 'bad', { state: 'error' }));
