import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { replayWebhook } from './replay-webhook.js';
import {
  backendWallet,
  balanceOf,
  billIdOf,
  billIdsLogged,
  clickBuy,
  eventOf,
  grantsOf,
  openShop,
  serverBill,
  settledBalance,
  shopReady,
  useShopInChromium,
} from './shop-in-chromium.js';

const chromium = useShopInChromium();

/**
 * The player clicks Buy, the shop's tab is closed, then the player approves in the checkout popup, which outlives
 * its opener: the bill is paid with no tab of the shop left open. Answers the bill id.
 */
async function payAfterTheTabClosed(context: BrowserContext): Promise<string> {
  const tab = await openShop(context, chromium.url());
  const popup = await clickBuy(tab);
  const billId = await billIdOf(tab, 'waiting');
  await tab.close();
  await popup.locator('#approve').click();
  await popup.getByText('Decision sent: approve.').waitFor(); // what the checkout shows once the opener is gone
  return billId;
}

/** Waits until the pay server has the bill `delivered`: the backend granted and delivered it, no page involved. */
const deliveredByTheBackend = (billId: string) =>
  expect
    .poll(async () => (await serverBill(chromium.url(), billId)).state, { timeout: 10_000, interval: 100 })
    .toBe('delivered');

/** What the tab's `recovered` line says of the bill. */
const recoveredText = async (tab: Page, billId: string) =>
  tab.locator(`#log li[data-state="recovered"][data-bill-id="${billId}"]`).textContent();

describe('nothing lost: a bill paid with no tab open is granted by the backend, once', () => {
  it('the shop tab closes before the player approves: the backend grants and delivers; the next visit shows the coins', async () => {
    const context = await chromium.newContext();
    const billId = await payAfterTheTabClosed(context);
    await deliveredByTheBackend(billId);

    const next = await openShop(context, chromium.url()); // recovery has run when the shop reports it done
    expect(await billIdsLogged(next, 'recovered')).toEqual([billId]); // the journal's "waiting" record, finished
    expect(await recoveredText(next, billId)).toContain("the shop's server had delivered it");
    expect(await settledBalance(next, 550)).toBe(550);
    expect(await grantsOf(next, billId)).toEqual([expect.objectContaining({ coins: 550, state: 'granted' })]);

    await next.reload();
    await shopReady(next);
    expect(await billIdsLogged(next, 'recovered')).toEqual([]);
    expect(await balanceOf(next)).toBe(550);
    expect(await backendWallet(next)).toMatchObject({ coins: 550, grants: [expect.objectContaining({ billId })] });
  }, 60_000);

  it('two tabs recover the same bill while its webhook is replayed at once: 550 coins in total, one grant', async () => {
    const context = await chromium.newContext();
    const billId = await payAfterTheTabClosed(context);
    await deliveredByTheBackend(billId);
    const paid = await eventOf(chromium.url(), billId, 'bill.paid');

    const tabs = await Promise.all([context.newPage(), context.newPage()]);
    // Both tabs open (and recover) while the pay server's webhook arrives again, four times at once.
    const [replays] = await Promise.all([
      Promise.all(Array.from({ length: 4 }, () => replayWebhook(chromium.url(), paid, chromium.webhookKey()))),
      ...tabs.map((tab) => tab.goto(chromium.url()).then(() => shopReady(tab))),
    ]);
    expect(replays).toEqual([204, 204, 204, 204]);

    // One tab or both finished the journal's record (whichever read it first); neither could grant anything.
    const recovered = (await Promise.all(tabs.map((tab) => billIdsLogged(tab, 'recovered')))).flat();
    expect(new Set(recovered)).toEqual(new Set([billId]));
    for (const tab of tabs) expect(await settledBalance(tab, 550)).toBe(550);
    expect(await grantsOf(tabs[0]!, billId)).toHaveLength(1);
    expect(await serverBill(chromium.url(), billId)).toMatchObject({ state: 'delivered' });

    const later = await openShop(context, chromium.url());
    expect(await billIdsLogged(later, 'recovered')).toEqual([]);
    expect(await balanceOf(later)).toBe(550);
  }, 60_000);
});
