import { generateServerKey } from '@coinslot/backend';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { startShopServer, type ShopServer } from '../server/create-shop-server.js';
import { launchChromium } from '../../../scripts/lib/chromium.mjs';
import { ensureShopBuilt } from './ensure-shop-built.js';

export { billIdOf, billIdsLogged, clickBuy } from './shop-page.js';

/** The tests read bills as the shop's game backend would: with a server key the pay server accepts. */
const SERVER_KEY = generateServerKey();

/** The shop as the browser tests see it. */
export interface ShopInChromium {
  /** The shop's base URL. */
  url(): string;
  /** A fresh browser profile (its own IndexedDB, cookies and so its own login), closed after the test. */
  newContext(): Promise<BrowserContext>;
}

/**
 * Start the shop with the same `startShopServer()` that `npm start` runs (on a free port; plus a server key for the
 * tests' reads) and one Chromium for the test file; each test gets fresh contexts, so a new login with an empty
 * wallet and journal.
 */
export function useShopInChromium(): ShopInChromium {
  let shop: ShopServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    await ensureShopBuilt();
    shop = await startShopServer({ port: 0, serverKeys: [SERVER_KEY] });
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

/** A player name nobody else in this run has. */
export const newPlayerName = (): string => `player-${crypto.randomUUID().slice(0, 8)}`;

/** Once the page knows whether someone is logged in: log in as `name` through the login form when nobody is. */
export async function logInIfAsked(page: Page, name: string = newPlayerName()): Promise<void> {
  const session = await page.locator('body[data-session]').getAttribute('data-session');
  if (session !== 'none') return;
  await page.locator('#login-name').fill(name);
  await Promise.all([page.waitForEvent('load'), page.locator('#login button[type="submit"]').click()]);
  await page.locator('body[data-session="player"]').waitFor();
}

/** A new tab of the shop in `context`, logged in (as `name`, or a new player, when the profile has no session yet), ready. */
export async function openShop(context: BrowserContext, url: string, name?: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(url);
  await logInIfAsked(page, name);
  return shopReady(page);
}

/** The logged-in player's id, as the page shows it. */
export const playerOf = async (page: Page): Promise<string> => (await page.locator('#player').textContent()) ?? '';

/** The balance the page shows. */
export const balanceOf = async (page: Page): Promise<number> =>
  Number(await page.locator('#balance').getAttribute('data-coins'));

/** Wait until the page shows `coins`, then answer what it shows (a wrong balance fails with a timeout). */
export async function settledBalance(page: Page, coins: number): Promise<number> {
  await page.locator(`#balance[data-coins="${coins}"]`).waitFor({ timeout: 10_000 });
  return balanceOf(page);
}

/** The bill as the pay server has it now (`GET /v1/bills/:id`, read with the tests' server key). */
export async function serverBill(url: string, billId: string): Promise<{ id: string; state: string; userId: string }> {
  const response = await fetch(new URL(`/v1/bills/${billId}`, url), {
    headers: { authorization: `Bearer ${SERVER_KEY}` },
  });
  if (!response.ok) throw new Error(`GET /v1/bills/${billId} answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { bill: { id: string; state: string; userId: string } }).bill;
}
