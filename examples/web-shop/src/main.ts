import { createCoinslot, createIndexedDbStorage, type ResultPublicKey } from '@coinslot/core';
import { walletView } from './coin-wallet.js';
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
  openShop(await payServerKeys());
}

function openShop(trustedKeys: ResultPublicKey[]): void {
  // The coins are the backend's (GET /api/wallet): it grants them from the pay server's webhooks. The page reads the
  // balance on load, after every delivery or reversal core reports, and when the tab is shown again.
  const refreshBalance = walletView(
    (wallet) => view.showBalance(wallet.coins),
    (error: unknown) => log.add(`Could not read the balance: ${describe(error)}`, 'bad', { state: 'error' }),
  );
  refreshBalance();
  document.addEventListener('visibilitychange', () => document.visibilityState === 'visible' && refreshBalance());

  const coinslot = createCoinslot({
    server: location.origin, // the pay server shares this page's origin (see server/create-shop-server.ts)
    trustedKeys, // pinned: the shop's backend read them from its pay server at start, never from the network
    getPlayerToken: playerToken, // minted by the shop's backend for the logged-in player; core asks again after a 401
    channels: { sandbox: () => import('@coinslot/channel-sandbox') },
    channelOptions: { sandbox: { presentation: 'popup' } },
    appVersion: '0.1.0',
    storage: createIndexedDbStorage(), // core's bill journal only, so a purchase interrupted by a crash is resumed
    // The game backend grants and marks bills delivered; core never does. After `paid` it keeps reading the bill's
    // signed state until the backend's delivery shows (`bill-delivered`), and recovery does the same later.
    fulfilment: 'server',
    // No userId: recovery asks the pay server for the token's player's bills.
  });
  // Before ready(), which starts recovery in the background: its report comes with `recovery-finished`.
  logCoinslot(coinslot, log);
  for (const event of ['bill-delivered', 'bill-refunded', 'bill-charged-back', 'recovery-finished'] as const)
    coinslot.on(event, refreshBalance);
  // No userId either: the pay server makes the bill the token's player's.
  purchase = async (item) => {
    const result = await coinslot.purchase({
      channel: 'sandbox',
      itemId: item.id,
      amount: item.amount,
      currency: item.currency,
    });
    if (result.status === 'paid' && result.pendingReason === 'awaiting-delivery')
      log.add('Paid; the coins appear as soon as the shop has added them.', 'wait', {
        billId: result.bill.id,
        state: 'awaiting-delivery',
      });
  };

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
