import { createCoinslot, type Coinslot } from '@coinslot/core';
import type { GameApi } from '../shared/bridge-contract.js';
import { COIN_PACKS, type CoinPack } from '../shared/shop-items.js';
import { gameBridge } from './bridge-client.js';
import { describe, logPurchases } from './log-purchases.js';
import { renderShop } from './shop-view.js';
import { channels } from 'virtual:coinslot-channels';

const view = renderShop(document, COIN_PACKS, buy);
let shop: Coinslot | undefined;

async function showWallet(game: GameApi): Promise<string> {
  const wallet = await game.coins();
  view.showWallet(wallet);
  return wallet.playerId;
}

async function open(): Promise<void> {
  const game = gameBridge(window);
  await showWallet(game); // the main process owns the save: the player and their coins come from it
  // The main process says which pay server, and pins its keys: nothing the page's URL or the player can change.
  const payServer = await game.payServer();
  const coinslot = createCoinslot({
    server: payServer.url,
    trustedKeys: payServer.trustedKeys,
    // The main process gets a player token from the game backend for the logged-in player; core asks again after a 401.
    getPlayerToken: () => game.playerToken(),
    platform: 'electron-renderer',
    channels, // generated at build time from package.json by @coinslot/bundler-plugin (scripts/build.mjs)
    channelOptions: { sandbox: { presentation: 'popup' } }, // the checkout opens as a child window
    appVersion: '0.1.0',
    // No userId: recovery asks the pay server for the token's player's paid, undelivered bills.
    // Core calls this for every paid bill (purchase, resume, recovery). The main process confirms the bill with the
    // pay server and saves the coins once; it answers false when they were saved before.
    grant: (offer) => game.grant(offer),
  }); // no `storage` option: the bill journal is core's default in a renderer, IndexedDB
  logPurchases(coinslot, view);
  coinslot.on('bill-granted', () => void showWallet(game).catch(() => undefined));
  shop = coinslot;
  const { ready } = await coinslot.ready();
  if (ready.has('sandbox')) {
    view.setBusy(false);
    view.log('Shop open.', 'info', { state: 'open' });
  }
}

/** Runs inside the click, so core can open the checkout window without a popup blocker stopping it. */
function buy(pack: CoinPack): void {
  if (!shop) return;
  view.setBusy(true);
  shop // no userId: the pay server makes the bill the token's player's
    .purchase({ channel: 'sandbox', itemId: pack.id, amount: pack.amount, currency: pack.currency })
    .catch((error: unknown) => view.log(`Purchase failed: ${describe(error)}`, 'bad', { state: 'error' }))
    .finally(() => view.setBusy(false));
}

open().catch((error: unknown) => view.log(`The shop could not open: ${describe(error)}`, 'bad', { state: 'error' }));
