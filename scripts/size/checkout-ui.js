// What a game writes to use the checkout UI: mount it, buy through it. `npm run size` bundles this for the browser
// (minified); core is external (the game's own, measured by its own budget), and so is @coinslot/qr, which the UI
// loads only when a QR channel shows its code.
import { mountCheckout } from '@coinslot/ui';

/** @param {import('@coinslot/core').Coinslot} coinslot */
export function openShop(coinslot) {
  const ui = mountCheckout(document.body, { coinslot });
  document
    .querySelector('#buy')
    ?.addEventListener('click', () => ui.buy({ itemId: 'gems', amount: 499, currency: 'USD' }));
  return ui;
}
