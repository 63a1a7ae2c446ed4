import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  backendWallet,
  billIdOf,
  billIdsLogged,
  grantsOf,
  openShop,
  serverBill,
  serverEvents,
  settledBalance,
  useShopInChromium,
} from './shop-in-chromium.js';

// The shop as `npm start -- --emulators` runs it: the sandbox plus Stripe, Alipay (precreate QR) and WeChat Pay
// (Native QR), each driver against its emulator in the shop's process. The player pays on the emulator's pages or
// with the emulator's "scan and pay" control; the coins still come only from the backend's webhook grant.
const chromium = useShopInChromium({ emulators: true });

/** The channel ids the "Pay with" picker lists, in order. */
const listedChannels = (page: Page): Promise<string[]> =>
  page
    .locator('#channels input[type="radio"]')
    .evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));

/** Pick a channel by its label, as a player would, then click Buy on the 550-coin chest. */
async function buyChestWith(page: Page, channelName: string): Promise<void> {
  await page.getByRole('radio', { name: channelName }).check();
  await page.locator('button[data-item="coins-550"]').click();
}

/** The bill's `bill.paid` events on the pay server: one, whatever the emulator retried. */
const paidEvents = async (url: string, billId: string) =>
  (await serverEvents(url)).filter((event) => event.type === 'bill.paid' && event.data.bill.id === billId);

/** After a delivered purchase of the chest: the backend's balance rose by 550 once, for this bill alone. */
async function expectGrantedOnce(page: Page, billId: string, itemId: string): Promise<void> {
  expect(await serverBill(chromium.url(), billId)).toMatchObject({ state: 'delivered' });
  expect(await settledBalance(page, 550)).toBe(550);
  expect(await grantsOf(page, billId)).toEqual([
    expect.objectContaining({ billId, itemId, coins: 550, takenBack: 0, state: 'granted' }),
  ]);
  expect(await backendWallet(page)).toMatchObject({ coins: 550, grants: [expect.objectContaining({ billId })] });
  expect(await paidEvents(chromium.url(), billId)).toHaveLength(1);
  expect(await billIdsLogged(page, 'delivered')).toEqual([billId]);
}

describe('web shop with emulators, in Chromium', () => {
  it('lists the ready channels in an accessible picker and prices the packs in the picked channel’s currency', async () => {
    const page = await openShop(await chromium.newContext(), chromium.url());
    expect(await listedChannels(page)).toEqual(['sandbox', 'stripe', 'alipay', 'wechatpay']);
    const picker = page.getByRole('group', { name: 'Pay with' });
    expect(await picker.getByRole('radio').count()).toBe(4);
    expect(await page.getByRole('radio', { name: 'Sandbox' }).isChecked()).toBe(true);
    expect(await page.locator('button[data-item="coins-550"]').textContent()).toMatch(/^Buy .*4\.99$/);

    await page.getByRole('radio', { name: 'WeChat Pay' }).check();
    expect(await page.locator('button[data-item="coins-550"]').textContent()).toMatch(/^Buy .*35\.00$/);
    await page.getByRole('radio', { name: 'Card (Stripe)' }).check();
    expect(await page.locator('button[data-item="coins-550"]').textContent()).toMatch(/^Buy .*4\.99$/);
    expect(await page.locator('#subtitle').textContent()).toContain('nothing leaves this machine');
  }, 60_000);

  it('Stripe: the player pays on the emulator’s hosted Checkout in the popup; the backend grants 550 coins once', async () => {
    const page = await openShop(await chromium.newContext(), chromium.url());
    const [popup] = await Promise.all([page.waitForEvent('popup'), buyChestWith(page, 'Card (Stripe)')]);
    await popup.locator('button[data-decision="pay"]').click();
    await popup.waitForEvent('close'); // the pay server's return page told the shop and closed the popup

    const billId = await billIdOf(page, 'delivered');
    expect(await serverBill(chromium.url(), billId)).toMatchObject({ channel: 'stripe', amount: 499, currency: 'USD' });
    await expectGrantedOnce(page, billId, 'coins-550');
  }, 60_000);

  it('Stripe: leaving Checkout with Back cancels the bill and grants nothing', async () => {
    const page = await openShop(await chromium.newContext(), chromium.url());
    const [popup] = await Promise.all([page.waitForEvent('popup'), buyChestWith(page, 'Card (Stripe)')]);
    await popup.locator('button[data-decision="leave"]').click();

    const billId = await billIdOf(page, 'cancelled');
    expect(await serverBill(chromium.url(), billId)).toMatchObject({ state: 'cancelled' });
    expect(await backendWallet(page)).toMatchObject({ coins: 0, grants: [] });
  }, 60_000);

  it('WeChat Pay: the QR dialog shows the code, ¥35.00 and the time left; the emulator’s scan pays; granted once', async () => {
    const page = await openShop(await chromium.newContext(), chromium.url());
    await buyChestWith(page, 'WeChat Pay');
    const dialog = page.getByRole('dialog', { name: 'Scan with WeChat' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toMatch(/35\.00/);
    expect(await dialog.getByRole('timer').textContent()).toMatch(/^\d+:\d\d$/);
    expect(await dialog.getByRole('img', { name: 'Payment QR code' }).count()).toBe(1);

    await dialog.getByRole('button', { name: 'Scan and pay (emulator)' }).click();
    const billId = await billIdOf(page, 'delivered');
    await dialog.waitFor({ state: 'detached' }); // the adapter took the code down once the bill was paid
    expect(await serverBill(chromium.url(), billId)).toMatchObject({
      channel: 'wechatpay',
      amount: 3500,
      currency: 'CNY',
    });
    await expectGrantedOnce(page, billId, 'coins-550-cny');
  }, 60_000);

  it('WeChat Pay: a partial refund made on the emulator’s merchant platform takes back its share of the coins', async () => {
    const page = await openShop(await chromium.newContext(), chromium.url());
    await buyChestWith(page, 'WeChat Pay');
    await page.getByRole('button', { name: 'Scan and pay (emulator)' }).click();
    const billId = await billIdOf(page, 'delivered');
    await settledBalance(page, 550);

    // ¥10.00 of ¥35.00, as README's "Trying each channel offline" shows: ⌈550 × 1000 / 3500⌉ = 158 coins go back.
    const refund = await fetch(`${chromium.emulatorUrl('wechatpay')}/__emulator/orders/${billId}/refund`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ amount: 1000 }),
    });
    expect(refund.status).toBe(200);
    await page.reload();
    expect(await settledBalance(page, 392)).toBe(392);
    expect(await serverBill(chromium.url(), billId)).toMatchObject({ state: 'refunded', refundedAmount: 1000 });
    expect(await grantsOf(page, billId)).toEqual([expect.objectContaining({ coins: 550, takenBack: 158 })]);
  }, 60_000);

  it('WeChat Pay: closing the QR dialog cancels the bill and grants nothing', async () => {
    const page = await openShop(await chromium.newContext(), chromium.url());
    await buyChestWith(page, 'WeChat Pay');
    const dialog = page.getByRole('dialog', { name: 'Scan with WeChat' });
    await dialog.getByRole('button', { name: 'Scan and pay (emulator)' }).waitFor();
    await dialog.getByRole('button', { name: 'Close' }).click();

    const billId = await billIdOf(page, 'cancelled');
    expect(await serverBill(chromium.url(), billId)).toMatchObject({ state: 'cancelled' });
    expect(await backendWallet(page)).toMatchObject({ coins: 0, grants: [] });
  }, 60_000);

  it('WeChat Pay through the checkout UI in zh-CN: the QR view in its words counts down, then the delivered confirmation', async () => {
    const page = await openShop(await chromium.newContext(), chromium.url());
    await page.goto(`${chromium.url()}?lang=zh-CN`);
    await page.locator('button[data-item="coins-550"]:enabled').waitFor();
    await buyChestWith(page, '微信支付');
    const dialog = page.getByRole('dialog', { name: '请使用微信支付扫码' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('¥35.00');
    expect(await dialog.getByRole('img', { name: '支付二维码' }).count()).toBe(1);
    const seconds = async () => {
      const [minutes, rest] = ((await dialog.getByRole('timer').textContent()) ?? '').split(':').map(Number);
      return minutes! * 60 + rest!;
    };
    const before = await seconds();
    await page.waitForTimeout(2_100);
    expect(before - (await seconds())).toBeGreaterThanOrEqual(2);

    await dialog.getByRole('button', { name: 'Scan and pay (emulator)' }).click();
    const done = page.locator('#channels dialog.cs-dialog[open][data-view="delivered"]');
    await done.waitFor({ timeout: 15_000 });
    expect(await done.getByRole('heading').textContent()).toBe('购买成功');
    expect(await done.textContent()).toContain('550 金币已到账');
  }, 60_000);

  it('Alipay: the precreate QR code in the dialog, paid by the emulator’s scan; the backend grants 550 coins once', async () => {
    const page = await openShop(await chromium.newContext(), chromium.url());
    await buyChestWith(page, 'Alipay');
    const dialog = page.getByRole('dialog', { name: 'Scan with Alipay' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toMatch(/35\.00/);

    await dialog.getByRole('button', { name: 'Scan and pay (emulator)' }).click();
    const billId = await billIdOf(page, 'delivered');
    await dialog.waitFor({ state: 'detached' });
    expect(await serverBill(chromium.url(), billId)).toMatchObject({
      channel: 'alipay',
      amount: 3500,
      currency: 'CNY',
    });
    await expectGrantedOnce(page, billId, 'coins-550-cny');
  }, 60_000);
});
