import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { startShopServer, type ShopServer } from '../server/create-shop-server.js';
import { launchChromium } from '../../../scripts/lib/chromium.mjs';
import { ensureShopBuilt } from './ensure-shop-built.js';

export { billIdOf, billIdsLogged, clickBuy } from './shop-page.js';

/** The shop as the browser tests see it. */
export interface ShopInChromium {
  /** The shop's base URL. */
  url(): string;
  /** A fresh browser profile (its own IndexedDB, localStorage and player), closed after the test. */
  newContext(): Promise<BrowserContext>;
}

/**
 * Start the shop with the same `startShopServer()` that `npm start` runs (on a free port) and one Chromium for the
 * test file; each test gets fresh contexts, so a new player with an empty wallet and journal.
 */
export function useShopInChromium(): ShopInChromium {
  let shop: ShopServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    await ensureShopBuilt();
    shop = await startShopServer({ port: 0 });
    browser = await launchChromium(); // Debian's Chromium; nothing downloads a browser
  }, 120_000);
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
  });
  afterAll(async () => {
    await browser?.close();
    await shop?.close();
  });

  return {
    url: () => shop.url,
    async newContext() {
      const context = await browser.newContext();
      contexts.push(context);
      return context;
    },
  };
}

/** Open (or reload) the shop and wait until it is open for business: buttons enabled, recovery done, balance read. */
export async function shopReady(page: Page): Promise<Page> {
  await page.locator('button[data-item="coins-550"]:enabled').waitFor();
  await page.locator('#log li[data-state="recovery-done"]').waitFor();
  await page.locator('#balance[data-coins]').waitFor();
  return page;
}

/** A new tab of the shop in `context`, ready. */
export async function openShop(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(url);
  return shopReady(page);
}

/** The balance the page shows. */
export const balanceOf = async (page: Page): Promise<number> => Number(await page.locator('#balance').getAttribute('data-coins'));

/** Wait until the page shows `coins`, then answer what it shows (a wrong balance fails with a timeout). */
export async function settledBalance(page: Page, coins: number): Promise<number> {
  await page.locator(`#balance[data-coins="${coins}"]`).waitFor({ timeout: 10_000 });
  return balanceOf(page);
}

/** The bill as the pay server has it now (`GET /v1/bills/:id`). */
export async function serverBill(url: string, billId: string): Promise<{ id: string; state: string }> {
  const response = await fetch(new URL(`/v1/bills/${billId}`, url));
  return ((await response.json()) as { bill: { id: string; state: string } }).bill;
}
