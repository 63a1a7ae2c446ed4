import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startShopServer, type ShopServer } from '../server/create-shop-server.js';
import { ensureShopBuilt } from './ensure-shop-built.js';

// Debian's Chromium, driven by playwright-core. Nothing here ever downloads a browser.
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic',
  '--no-first-run', '--disable-component-update', '--disable-sync'];

let shop: ShopServer;
let browser: Browser;
let context: BrowserContext | undefined;

beforeAll(async () => {
  await ensureShopBuilt();
  shop = await startShopServer({ port: 0 });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}, 120_000);
afterEach(async () => {
  await context?.close();
  context = undefined;
});
afterAll(async () => {
  await browser?.close();
  await shop?.close();
});

async function openShop(): Promise<Page> {
  context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(shop.url);
  await page.locator('button[data-item="coins-550"]:enabled').waitFor();
  return page;
}

const balanceOf = async (page: Page) => Number(await page.locator('#balance').getAttribute('data-coins'));

/** Click Buy and answer the sandbox checkout popup with `act`. */
async function buyWith(page: Page, act: (popup: Page) => Promise<void>): Promise<void> {
  const [popup] = await Promise.all([page.waitForEvent('popup'), page.locator('button[data-item="coins-550"]').click()]);
  await act(popup);
}

/** The bill of the log line that reports `state`, as the pay server has it now. */
async function billOnServer(page: Page, state: string): Promise<{ id: string; state: string }> {
  const line = page.locator(`#log li[data-state="${state}"]`).first();
  await line.waitFor();
  const id = await line.getAttribute('data-bill-id');
  const response = await fetch(new URL(`/v1/bills/${id}`, shop.url));
  return ((await response.json()) as { bill: { id: string; state: string } }).bill;
}

describe('web shop in Chromium, paying in the sandbox popup', () => {
  it('approve: grants 550 coins and the bill ends delivered on the pay server', async () => {
    const page = await openShop();
    const before = await balanceOf(page);
    await buyWith(page, (popup) => popup.locator('#approve').click());

    const bill = await billOnServer(page, 'delivered');
    expect(bill.state).toBe('delivered');
    expect(await balanceOf(page)).toBe(before + 550);
    await page.reload();
    expect(await balanceOf(page)).toBe(before + 550); // kept in localStorage, not granted twice
  }, 60_000);

  it('decline: leaves the balance unchanged and the bill failed', async () => {
    const page = await openShop();
    const before = await balanceOf(page);
    await buyWith(page, (popup) => popup.locator('#decline').click());

    expect(await billOnServer(page, 'declined')).toMatchObject({ state: 'failed' });
    expect(await balanceOf(page)).toBe(before);
    expect(await page.locator('button[data-item="coins-550"]').isEnabled()).toBe(true);
  }, 60_000);

  it('closing the popup cancels the bill and grants nothing', async () => {
    const page = await openShop();
    const before = await balanceOf(page);
    await buyWith(page, async (popup) => {
      await popup.locator('#approve').waitFor();
      await popup.close();
    });

    expect(await billOnServer(page, 'cancelled')).toMatchObject({ state: 'cancelled' });
    expect(await balanceOf(page)).toBe(before);
  }, 60_000);
});
