import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  balanceOf,
  billIdOf,
  billIdsLogged,
  clickBuy,
  openShop,
  serverBill,
  settledBalance,
  shopReady,
  useShopInChromium,
} from './shop-in-chromium.js';

const chromium = useShopInChromium();

/**
 * The player clicks Buy, the shop's tab is closed, then the player approves in the checkout popup, which outlives
 * its opener: the bill ends paid on the pay server, and undelivered, with no tab left to grant it.
 */
async function payAfterTheTabClosed(context: BrowserContext): Promise<string> {
  const tab = await openShop(context, chromium.url());
  const popup = await clickBuy(tab);
  const billId = await billIdOf(tab, 'waiting');
  await tab.close();
  await popup.locator('#approve').click();
  await popup.getByText('Decision sent: approve.').waitFor(); // what the checkout shows once the opener is gone
  expect(await serverBill(chromium.url(), billId)).toMatchObject({ state: 'paid' });
  return billId;
}

/** Hold core's Web Lock on the bill (`coinslot:bill:<id>`) from a same-origin page that runs no shop. */
async function holdBillLock(
  context: BrowserContext,
  billId: string,
): Promise<{ waiting(): Promise<number>; release(): Promise<void> }> {
  const holder = await context.newPage();
  await holder.goto(new URL('/shop.css', chromium.url()).href);
  const name = `coinslot:bill:${billId}`;
  await holder.evaluate(
    (lock) =>
      new Promise<void>((held) => {
        void navigator.locks.request(
          lock,
          () => new Promise<void>((release) => (Object.assign(window, { release }), held())),
        );
      }),
    name,
  );
  return {
    waiting: () =>
      holder.evaluate(
        async (lock) => ((await navigator.locks.query()).pending ?? []).filter((l) => l.name === lock).length,
        name,
      ),
    release: () => holder.evaluate(() => (window as unknown as { release: () => void }).release()),
  };
}

const grantedIn = async (tabs: Page[]) => (await Promise.all(tabs.map((tab) => billIdsLogged(tab, 'granted')))).flat();

/** What the tab's `recovered` line says of the bill: which tab ran the grant (the report's `grantedHere`). */
const recoveredText = async (tab: Page, billId: string) =>
  tab.locator(`#log li[data-state="recovered"][data-bill-id="${billId}"]`).textContent();

describe('nothing lost: a paid bill no tab finished is recovered and granted once', () => {
  it('the shop tab closes before the player approves: the next visit grants the coins once and delivers', async () => {
    const context = await chromium.newContext();
    const billId = await payAfterTheTabClosed(context);

    const next = await openShop(context, chromium.url()); // recovery has run when the shop reports it done
    expect(await billIdsLogged(next, 'recovered')).toEqual([billId]);
    expect(await recoveredText(next, billId)).toContain('this tab granted it');
    expect(await billIdsLogged(next, 'granted')).toEqual([billId]);
    expect(await settledBalance(next, 550)).toBe(550);
    expect(await serverBill(chromium.url(), billId)).toMatchObject({ state: 'delivered' });

    await next.reload();
    await shopReady(next);
    expect(await billIdsLogged(next, 'granted')).toEqual([]);
    expect(await balanceOf(next)).toBe(550);
  }, 60_000);

  it('two tabs open at once recover the same paid bill: Web Locks let one grant it, 550 coins in total', async () => {
    const context = await chromium.newContext();
    const billId = await payAfterTheTabClosed(context);
    const lock = await holdBillLock(context, billId);

    const tabs = await Promise.all([context.newPage(), context.newPage()]);
    await Promise.all(tabs.map((tab) => tab.goto(chromium.url())));
    // Both tabs found the bill paid and queue on its lock: a real race, not one tab finishing before the other starts.
    await expect.poll(lock.waiting, { timeout: 20_000, interval: 50 }).toBe(2);
    await lock.release();
    await Promise.all(tabs.map(shopReady));

    expect(await grantedIn(tabs)).toEqual([billId]);
    for (const tab of tabs) expect(await billIdsLogged(tab, 'recovered')).toEqual([billId]);
    // The report of the tab that granted says so; the other's says it was already granted.
    const said = await Promise.all(
      tabs.map(async (tab) => ({
        granted: (await billIdsLogged(tab, 'granted')).length,
        text: await recoveredText(tab, billId),
      })),
    );
    for (const { granted, text } of said)
      expect(text).toContain(granted === 1 ? 'this tab granted it' : 'already granted (another tab or visit)');
    for (const tab of tabs) expect(await settledBalance(tab, 550)).toBe(550);
    expect(await serverBill(chromium.url(), billId)).toMatchObject({ state: 'delivered' });

    const later = await openShop(context, chromium.url());
    expect(await billIdsLogged(later, 'granted')).toEqual([]);
    expect(await balanceOf(later)).toBe(550);
  }, 60_000);
});
