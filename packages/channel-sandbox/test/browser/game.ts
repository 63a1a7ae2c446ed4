// A small game page for the Chromium tests: core and the sandbox adapter as a game bundles them (esbuild, split, the
// adapter in a chunk of its own), and buy buttons wired the ways games wire them. Results land in `window.results`.
import { CoinslotError, createCoinslot } from '@coinslot/core';

type Entry = { status: string; billId: string } | { code: string; billId?: string; message: string };
const results: Entry[] = [];
const coinslot = createCoinslot({
  server: location.origin,
  channels: { sandbox: () => import('@coinslot/channel-sandbox') },
  recoverOnReady: false,
});
let paused: string | undefined;

const record = (purchase: Promise<{ status: string; bill: { id: string } }>) =>
  purchase.then(
    (result) => results.push({ status: result.status, billId: result.bill.id }),
    (error: unknown) => {
      if (!CoinslotError.isInstance(error))
        return results.push({ code: 'NOT_A_COINSLOT_ERROR', message: String(error) });
      if (error.code === 'USER_ACTIVATION_REQUIRED') paused = error.billId;
      return results.push({ code: error.code, billId: error.billId, message: error.message });
    },
  );
const buy = () =>
  record(coinslot.purchase({ channel: 'sandbox', userId: 'player-1', itemId: 'gems', amount: 499, currency: 'USD' }));

const button = (id: string, event: string, action: () => void) => {
  const element = document.createElement('button');
  element.id = id;
  element.textContent = id;
  element.style.cssText = 'display:block;width:200px;height:60px;margin:8px';
  element.addEventListener(event, action);
  document.body.append(element);
};
button('buy', 'click', buy);
// A buy wired to an event that never carries user activation (as a touch `pointerdown` on a phone does not).
let hovered = false;
button('buy-on-pointermove', 'pointermove', () => {
  if (!hovered) buy();
  hovered = true;
});
button('continue', 'click', () => paused && record(coinslot.continuePurchase(paused)));

Object.assign(window, {
  game: {
    results,
    ready: async () => {
      const { ready, skipped } = await coinslot.ready();
      return { ready: [...ready.keys()], skipped: skipped.map(({ channel, reason }) => ({ channel, reason })) };
    },
    hasAbortSignalAny: () => 'any' in AbortSignal,
  },
});
document.body.dataset.loaded = 'yes';
