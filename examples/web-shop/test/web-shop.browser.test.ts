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

describe('web shop in Chromium, paying in the sandbox popup', () => {
  it('approve: core grants 550 coins through the ledger, then the bill ends delivered on the pay server', async () => {
    const page = await openShop(await chromium.newContext(), chromium.url());
    expect(await balanceOf(page)).toBe(0);
    const popup = await clickBuy(page);
    await popup.locator('#approve').click();

    const billId = await billIdOf(page, 'delivered');
    expect(await serverBill(chromium.url(), billId)).toMatchObject({ state: 'delivered' });
    expect(await billIdsLogged(page, 'granted')).toEqual([billId]);
    expect(await settledBalance(page, 550)).toBe(550);

    await page.reload();
    await shopReady(page); // the coins are stored, and recovery grants nothing again
    expect(await balanceOf(page)).toBe(550);
    expect(await billIdsLogged(page, 'granted')).toEqual([]);
  }, 60_000);

  it('decline: leaves the balance unchanged and the bill failed', async () => {
    const page = await openShop(await chromium.newContext(), chromium.url());
    const popup = await clickBuy(page);
    await popup.locator('#decline').click();

    const billId = await billIdOf(page, 'declined');
    expect(await serverBill(chromium.url(), billId)).toMatchObject({ state: 'failed' });
    expect(await balanceOf(page)).toBe(0);
    expect(await billIdsLogged(page, 'granted')).toEqual([]);
    expect(await page.locator('button[data-item="coins-550"]').isEnabled()).toBe(true);
  }, 60_000);

  it('closing the popup cancels the bill and grants nothing', async () => {
    const page = await openShop(await chromium.newContext(), chromium.url());
    const popup = await clickBuy(page);
    await popup.close();

    const billId = await billIdOf(page, 'cancelled');
    expect(await serverBill(chromium.url(), billId)).toMatchObject({ state: 'cancelled' });
    expect(await balanceOf(page)).toBe(0);
    expect(await billIdsLogged(page, 'granted')).toEqual([]);
  }, 60_000);
});
