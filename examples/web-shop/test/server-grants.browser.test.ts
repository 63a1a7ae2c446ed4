import { generateWebhookKey } from '@coinslot/server';
import type { Page } from 'playwright-core';
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
  playerOf,
  serverBill,
  settledBalance,
  shopReady,
  useShopInChromium,
} from './shop-in-chromium.js';

const chromium = useShopInChromium();

/** Buy the chest and approve it; answers the bill id and the checkout URL (it carries the sandbox's token). */
async function buyChest(page: Page): Promise<{ billId: string; checkout: URL }> {
  const popup = await clickBuy(page);
  const checkout = new URL(popup.url());
  await popup.locator('#approve').click();
  const billId = await billIdOf(page, 'delivered');
  await settledBalance(page, 550);
  return { billId, checkout };
}

/** The sandbox's development route that plays the channel reversing the payment: `…/refund` or `…/chargeback`. */
async function reverse(checkout: URL, kind: 'refund' | 'chargeback', body: object = {}): Promise<number> {
  const url = new URL(checkout);
  url.pathname += `/${kind}`;
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  await response.arrayBuffer();
  return response.status;
}

/** Waits until the backend's balance for the page's player is `coins`. */
const backendReaches = (page: Page, coins: number) =>
  expect.poll(async () => (await backendWallet(page)).coins, { timeout: 10_000, interval: 100 }).toBe(coins);

describe("the backend's coins: nothing the player changes in the browser grants anything", () => {
  it("IndexedDB and localStorage edited to a fortune: after a reload the page still shows the backend's balance", async () => {
    const page = await openShop(await chromium.newContext(), chromium.url());
    const { billId } = await buyChest(page);
    const player = await playerOf(page);

    const rewritten = await page.evaluate(async (player) => {
      const rich = JSON.stringify(999_999);
      for (const key of [`shop:coins:${player}`, 'coins', 'balance']) localStorage.setItem(key, rich);
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('coinslot');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const store = db.transaction('entries', 'readwrite').objectStore('entries');
      store.put(rich, `shop:coins:${player}`); // where the coins used to be kept
      // Every journal record of core says "paid, not delivered", as if to have the bill granted again.
      const keys = await new Promise<IDBValidKey[]>((resolve) => {
        const request = store.getAllKeys();
        request.onsuccess = () => resolve(request.result);
      });
      for (const key of keys.filter((k) => String(k).startsWith('coinslot:bill:'))) {
        const value = await new Promise<unknown>((resolve) => {
          const request = store.get(key);
          request.onsuccess = () => resolve(request.result);
        });
        const record = JSON.parse(String(value)) as Record<string, unknown>;
        store.put(JSON.stringify({ ...record, state: 'paid' }), key);
      }
      db.close();
      return keys.filter((k) => String(k).startsWith('coinslot:bill:')).length;
    }, player);
    expect(rewritten).toBeGreaterThan(0); // the bill's own record among them

    await page.reload();
    await shopReady(page);
    // Recovery resumed the "paid" record, and the pay server's signed state says delivered: nothing to grant.
    expect(await billIdsLogged(page, 'recovered')).toEqual([billId]);
    expect(await balanceOf(page)).toBe(550);
    expect(await backendWallet(page)).toMatchObject({ coins: 550 });
    expect(await grantsOf(page, billId)).toHaveLength(1);
    expect(await serverBill(chromium.url(), billId)).toMatchObject({ state: 'delivered' });
  }, 60_000);

  it('the page never sends a deliver (blocked anyway) and its local records are deleted: recovery adds nothing', async () => {
    const context = await chromium.newContext();
    const delivers: string[] = [];
    await context.route('**/v1/bills/*/deliver', (route) => {
      delivers.push(route.request().url());
      return route.abort();
    });
    const page = await openShop(context, chromium.url());
    const { billId } = await buyChest(page); // delivered by the backend: the page needs no deliver of its own

    await page.evaluate(async () => {
      localStorage.clear();
      await new Promise<void>((resolve, reject) => {
        const request = indexedDB.deleteDatabase('coinslot'); // core's journal (its open connection closes itself)
        request.onsuccess = () => resolve();
        request.onerror = () => reject(request.error);
      });
    });
    await page.reload();
    await shopReady(page);

    expect(await balanceOf(page)).toBe(550);
    expect(await grantsOf(page, billId)).toHaveLength(1);
    expect(await backendWallet(page)).toMatchObject({ coins: 550 });
    expect(await billIdsLogged(page, 'delivered')).toEqual([]);
    expect(delivers).toEqual([]);
    expect(await serverBill(chromium.url(), billId)).toMatchObject({ state: 'delivered' });
  }, 60_000);
});

/** The declined bill's event dressed up as paid: what a forger would send to be granted coins for nothing. */
const paidCopy = <E extends { type: string; data: { bill: object } }>(event: E): E => ({
  ...event,
  type: 'bill.paid',
  data: { bill: { ...event.data.bill, state: 'paid' } },
});

describe("the backend's webhook endpoint", () => {
  it('the same webhook-id replayed, once after the other and five at once, grants once', async () => {
    const page = await openShop(await chromium.newContext(), chromium.url());
    const { billId } = await buyChest(page);
    const paid = await eventOf(chromium.url(), billId, 'bill.paid');

    expect(await replayWebhook(chromium.url(), paid, chromium.webhookKey())).toBe(204);
    expect(await replayWebhook(chromium.url(), paid, chromium.webhookKey())).toBe(204);
    const together = await Promise.all(
      Array.from({ length: 5 }, () => replayWebhook(chromium.url(), paid, chromium.webhookKey())),
    );
    expect(together).toEqual([204, 204, 204, 204, 204]);

    expect(await backendWallet(page)).toMatchObject({ coins: 550 });
    expect(await grantsOf(page, billId)).toEqual([expect.objectContaining({ coins: 550, state: 'granted' })]);
    await page.reload();
    await shopReady(page);
    expect(await balanceOf(page)).toBe(550);
  }, 60_000);

  it('a webhook signed with another key, or too old, answers 400 and grants nothing', async () => {
    const page = await openShop(await chromium.newContext(), chromium.url());
    const popup = await clickBuy(page);
    await popup.locator('#decline').click();
    const billId = await billIdOf(page, 'declined');
    const failed = await eventOf(chromium.url(), billId, 'bill.failed');
    const forged = paidCopy(failed);

    const otherKey = (await generateWebhookKey()).privateKey;
    expect(await replayWebhook(chromium.url(), forged, otherKey)).toBe(400);
    const old = Math.floor(Date.now() / 1000) - 301;
    expect(await replayWebhook(chromium.url(), forged, chromium.webhookKey(), { timestamp: old })).toBe(400);

    expect(await backendWallet(page)).toMatchObject({ coins: 0, grants: [] });
    expect(await serverBill(chromium.url(), billId)).toMatchObject({ state: 'failed' });
  }, 60_000);
});

describe('reversals: the backend takes coins back', () => {
  it('a partial refund takes back its share of the coins (rounded up), a chargeback the rest; the page shows it', async () => {
    const page = await openShop(await chromium.newContext(), chromium.url());
    const { billId, checkout } = await buyChest(page);

    expect(await reverse(checkout, 'refund', { amount: 100 })).toBe(200); // $1.00 of $4.99
    await backendReaches(page, 550 - Math.ceil((550 * 100) / 499)); // 111 coins back: 439 left
    await page.reload();
    await shopReady(page);
    expect(await settledBalance(page, 439)).toBe(439);
    expect(await billIdsLogged(page, 'refunded')).toEqual([billId]); // recovery compared the journal with the pay server
    expect(await grantsOf(page, billId)).toEqual([
      expect.objectContaining({ coins: 550, takenBack: 111, state: 'refunded' }),
    ]);

    expect(await reverse(checkout, 'chargeback')).toBe(200);
    await backendReaches(page, 0);
    await page.reload();
    await shopReady(page);
    expect(await settledBalance(page, 0)).toBe(0);
    expect(await grantsOf(page, billId)).toEqual([
      expect.objectContaining({ coins: 550, takenBack: 550, state: 'charged_back' }),
    ]);
    expect(await serverBill(chromium.url(), billId)).toMatchObject({ state: 'charged_back' });
  }, 60_000);

  it('a replayed refund webhook takes nothing more', async () => {
    const page = await openShop(await chromium.newContext(), chromium.url());
    const { billId, checkout } = await buyChest(page);
    expect(await reverse(checkout, 'refund')).toBe(200); // all of it
    await backendReaches(page, 0);

    const refunded = await eventOf(chromium.url(), billId, 'bill.refunded');
    expect(await replayWebhook(chromium.url(), refunded, chromium.webhookKey())).toBe(204);
    expect(await backendWallet(page)).toMatchObject({ coins: 0 });
    expect(await grantsOf(page, billId)).toEqual([expect.objectContaining({ takenBack: 550, state: 'refunded' })]);
  }, 60_000);
});
