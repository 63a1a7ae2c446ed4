import { generateServerKey, type ReceivedBillEvent } from '@coinslot/backend';
import { generateWebhookKey, type WebhookPrivateKey } from '@coinslot/server';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { startShopServer, type ShopServer } from '../server/create-shop-server.js';
import { launchChromium } from '../../../scripts/lib/chromium.mjs';
import type { Wallet } from '../src/coin-wallet.js';
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
  /** The key the shop's pay server signs its webhooks with: the tests sign replays with it. */
  webhookKey(): WebhookPrivateKey;
  /** The base URL of the emulator behind `channel` (with `emulators` only). */
  emulatorUrl(channel: string): string;
}

/**
 * Start the shop with the same `startShopServer()` that `npm start` runs (on a free port; plus a server key for the
 * tests' reads, and a webhook key the tests know; with `emulators`, as `npm start -- --emulators` does) and one
 * Chromium for the test file; each test gets fresh contexts and logs in as a new player, so an empty wallet on the
 * backend and an empty journal in the browser.
 */
export function useShopInChromium({ emulators = false }: { emulators?: boolean } = {}): ShopInChromium {
  let shop: ShopServer;
  let browser: Browser;
  let webhookKey: WebhookPrivateKey;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    await ensureShopBuilt();
    webhookKey = (await generateWebhookKey()).privateKey;
    shop = await startShopServer({ port: 0, serverKeys: [SERVER_KEY], webhookKey, emulators });
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
    webhookKey: () => webhookKey,
    emulatorUrl(channel) {
      const found = shop.emulators.find((emulator) => emulator.channel === channel);
      if (!found) throw new Error(`the shop runs no emulator for ${channel}`);
      return found.url;
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

/** The logged-in player's wallet as the shop's backend has it (`GET /api/wallet` with the page's session). */
export const backendWallet = (page: Page): Promise<Wallet> =>
  page.evaluate(async () => (await fetch('/api/wallet', { cache: 'no-store' })).json() as Promise<Wallet>);

/** The backend's grants of one bill, for the page's player: one at most, whatever happened. */
export const grantsOf = async (page: Page, billId: string) =>
  (await backendWallet(page)).grants.filter((grant) => grant.billId === billId);

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

/** An event as `GET /v1/events` lists it: the webhook's id and body, and its cursor. */
export type ListedEvent = ReceivedBillEvent & { cursor: string };

/** The pay server's events, as the game backend could list them (`GET /v1/events` with the tests' server key). */
export async function serverEvents(url: string): Promise<ListedEvent[]> {
  const response = await fetch(new URL('/v1/events?limit=1000', url), {
    headers: { authorization: `Bearer ${SERVER_KEY}` },
  });
  if (!response.ok) throw new Error(`GET /v1/events answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { events: ListedEvent[] }).events;
}

/** The pay server's event of `type` for `billId`, once it is recorded (within 10 s). */
export async function eventOf(url: string, billId: string, type: string): Promise<ListedEvent> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const found = (await serverEvents(url)).find((event) => event.type === type && event.data.bill.id === billId);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no ${type} event for ${billId} on the pay server`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
