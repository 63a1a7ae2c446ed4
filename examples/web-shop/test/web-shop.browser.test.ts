import type { Request } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  backendWallet,
  balanceOf,
  billIdOf,
  billIdsLogged,
  clickBuy,
  grantsOf,
  openShop,
  serverBill,
  settledBalance,
  shopReady,
  useShopInChromium,
} from './shop-in-chromium.js';

const chromium = useShopInChromium();

/** Every request of the page that tries to mark a bill delivered: with server fulfilment there must be none. */
const deliverRequests = (sent: Request[]) =>
  sent.filter((request) => /\/deliver$/.test(new URL(request.url()).pathname));

describe('web shop in Chromium, paying in the sandbox popup', () => {
  it('offers the sandbox alone without --emulators: one channel in the picker, no emulator route', async () => {
    const page = await openShop(await chromium.newContext(), chromium.url());
    const picker = page.getByRole('group', { name: 'Pay with' });
    expect(
      await picker.getByRole('radio').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value)),
    ).toEqual(['sandbox']);
    expect(await page.getByRole('radio', { name: 'Sandbox' }).isChecked()).toBe(true);
    const answers = await page.evaluate(async () => {
      const config = await (await fetch('/api/coinslot-config')).json();
      const scan = await fetch('/api/emulators/scan', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code: 'weixin://wxpay/bizpayurl?pr=anything' }),
      });
      return { channels: config.channels, emulators: config.emulators, scan: scan.status };
    });
    expect(answers).toEqual({ channels: ['sandbox'], emulators: false, scan: 404 });
  }, 60_000);

  it("approve: the backend grants 550 coins once and delivers the bill; the page shows the backend's balance", async () => {
    const context = await chromium.newContext();
    const sent: Request[] = [];
    context.on('request', (request) => void sent.push(request));
    const page = await openShop(context, chromium.url());
    expect(await balanceOf(page)).toBe(0);
    const popup = await clickBuy(page);
    await popup.locator('#approve').click();

    const billId = await billIdOf(page, 'delivered');
    expect(await serverBill(chromium.url(), billId)).toMatchObject({ state: 'delivered' });
    expect(await settledBalance(page, 550)).toBe(550);
    expect(await grantsOf(page, billId)).toEqual([
      expect.objectContaining({ billId, itemId: 'coins-550', coins: 550, takenBack: 0, state: 'granted' }),
    ]);
    expect(await billIdsLogged(page, 'delivered')).toEqual([billId]);
    expect(deliverRequests(sent)).toEqual([]); // the backend delivered it, with its server key

    await page.reload();
    await shopReady(page); // the balance comes from the backend again, and recovery finds nothing to do
    expect(await balanceOf(page)).toBe(550);
    expect(await backendWallet(page)).toMatchObject({ coins: 550, grants: [expect.objectContaining({ billId })] });
    expect(await billIdsLogged(page, 'recovered')).toEqual([]);
  }, 60_000);

  it('decline: leaves the balance unchanged, the bill failed and the ledger empty', async () => {
    const page = await openShop(await chromium.newContext(), chromium.url());
    const popup = await clickBuy(page);
    await popup.locator('#decline').click();

    const billId = await billIdOf(page, 'declined');
    expect(await serverBill(chromium.url(), billId)).toMatchObject({ state: 'failed' });
    expect(await balanceOf(page)).toBe(0);
    expect(await backendWallet(page)).toMatchObject({ coins: 0, grants: [] });
    expect(await billIdsLogged(page, 'delivered')).toEqual([]);
    expect(await page.locator('button[data-item="coins-550"]').isEnabled()).toBe(true);
  }, 60_000);

  it('closing the popup cancels the bill and grants nothing', async () => {
    const page = await openShop(await chromium.newContext(), chromium.url());
    const popup = await clickBuy(page);
    await popup.close();

    const billId = await billIdOf(page, 'cancelled');
    expect(await serverBill(chromium.url(), billId)).toMatchObject({ state: 'cancelled' });
    expect(await balanceOf(page)).toBe(0);
    expect(await backendWallet(page)).toMatchObject({ coins: 0, grants: [] });
    expect(await billIdsLogged(page, 'delivered')).toEqual([]);
  }, 60_000);
});
