import { describe, expect, it } from 'vitest';
import { axeViolations, barShows, buyChest, checkoutDialog, dialogShows, windowsOpenedBy } from './checkout-ui-page.js';
import { billIdOf, openShop, serverBill, settledBalance, useShopInChromium } from './shop-in-chromium.js';

// The player's view of a purchase in the web shop: @coinslot/ui over core, in Chromium, with the sandbox popup.
const chromium = useShopInChromium();

describe('checkout UI in the web shop', () => {
  it('lists the ready channels as a labelled radio group with their names; axe finds nothing to fix', async () => {
    const page = await openShop(await chromium.newContext(), chromium.url());
    const picker = page.getByRole('group', { name: 'Pay with' });
    const sandbox = picker.getByRole('radio', { name: 'Sandbox' });
    expect(await picker.getByRole('radio').count()).toBe(1);
    expect(await sandbox.isChecked()).toBe(true);
    expect(await page.locator('#channels .cs-choice[data-channel="sandbox"] svg.cs-icon').count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
  }, 60_000);

  it('shows the waiting view with Focus and Cancel; Focus opens no window, Cancel closes the checkout and cancels the bill', async () => {
    const page = await openShop(await chromium.newContext(), chromium.url());
    const popup = await buyChest(page);
    const dialog = await dialogShows(page, 'waiting');
    expect(await page.getByRole('dialog', { name: 'Checkout is open in another window' }).count()).toBe(1);
    // The focus moved into the dialog, onto its first button (the popup has the window's focus, so ask the root).
    expect(await dialog.evaluate((d) => (d.getRootNode() as ShadowRoot).activeElement?.textContent)).toBe(
      'Show checkout window',
    );
    expect(
      await windowsOpenedBy(page, () => dialog.getByRole('button', { name: 'Show checkout window' }).click()),
    ).toBe(0);
    expect(popup.isClosed()).toBe(false);

    await dialog.getByRole('button', { name: 'Cancel purchase' }).click();
    await expect.poll(() => popup.isClosed(), { timeout: 5_000 }).toBe(true);
    const result = await dialogShows(page, 'result');
    expect(await result.getByRole('heading').textContent()).toBe('Purchase cancelled');
    const billId = await billIdOf(page, 'cancelled');
    expect(await serverBill(chromium.url(), billId)).toMatchObject({ state: 'cancelled' });
  }, 60_000);

  it('approve: the delivered confirmation names the coins; OK gives the focus back to the Buy button', async () => {
    const page = await openShop(await chromium.newContext(), chromium.url());
    const popup = await buyChest(page);
    await popup.locator('#approve:enabled').click();
    const dialog = await dialogShows(page, 'delivered');
    expect(await dialog.getByRole('heading').textContent()).toBe('Purchase complete');
    expect(await dialog.textContent()).toContain('550 coins is yours');
    await page.keyboard.press('Enter'); // the focus is on OK
    await checkoutDialog(page).waitFor({ state: 'detached' });
    expect(await page.locator('button[data-item="coins-550"]').evaluate((b) => b === document.activeElement)).toBe(
      true,
    );
    expect(await settledBalance(page, 550)).toBe(550);
  }, 60_000);

  it('a second Buy while the checkout is open opens no window and shows the open purchase, which still completes', async () => {
    const page = await openShop(await chromium.newContext(), chromium.url());
    const popup = await buyChest(page);
    await popup.locator('#approve:enabled').waitFor();
    const checkoutUrl = popup.url();
    await dialogShows(page, 'waiting');
    await page.keyboard.press('Escape'); // hide: the purchase goes on, a bar says so
    expect(await (await barShows(page, 'in-progress')).textContent()).toContain('A purchase is in progress.');

    const opened = await windowsOpenedBy(page, () => page.locator('button[data-item="coins-100"]').click());
    expect(opened).toBe(0);
    const dialog = await dialogShows(page, 'waiting');
    expect(await dialog.getByRole('note').textContent()).toBe(
      'You already have a purchase open. Finish or cancel it first.',
    );
    expect(popup.url()).toBe(checkoutUrl); // the first checkout was not taken over

    await popup.locator('#approve').click();
    await dialogShows(page, 'delivered');
    const billId = await billIdOf(page, 'delivered');
    expect(await serverBill(chromium.url(), billId)).toMatchObject({ itemId: 'coins-550', state: 'delivered' });
  }, 60_000);

  it('reload mid-purchase: the recovery notice shows at once, a Buy shows that purchase, then the delivered confirmation', async () => {
    const page = await openShop(await chromium.newContext(), chromium.url());
    const popup = await buyChest(page);
    await popup.locator('#approve:enabled').waitFor();
    await page.reload();
    const bar = await barShows(page, 'recovering');
    expect(await bar.textContent()).toContain('Finishing your purchase from last time…');
    expect(await bar.getAttribute('role')).toBe('status');
    await page.locator('button[data-item="coins-550"]:enabled').waitFor();

    expect(await windowsOpenedBy(page, () => page.locator('button[data-item="coins-550"]').click())).toBe(0);
    const open = await dialogShows(page, 'recovering');
    expect(await open.getByRole('note').textContent()).toBe(
      'You already have a purchase open. Finish or cancel it first.',
    );
    await open.getByRole('button', { name: 'Show checkout window' }).click(); // finds it by name, after the reload
    expect(await dialogShows(page, 'recovering')).toBeTruthy();
    await page.keyboard.press('Escape');

    await popup.locator('#approve').click();
    const done = await barShows(page, 'recovered');
    expect(await done.textContent()).toContain('Your purchase from last time is complete: 550 coins is yours.');
    expect(await settledBalance(page, 550)).toBe(550);
  }, 60_000);

  it('pay server down: the player reads a network error within 2 s and the checkout window closes', async () => {
    const page = await openShop(await chromium.newContext(), chromium.url());
    await page.route('**/v1/**', (route) => route.abort('connectionrefused'));
    const started = Date.now();
    const popup = await buyChest(page);
    const dialog = await dialogShows(page, 'error', 5_000);
    const shownAfterMs = Date.now() - started;
    expect(await dialog.getByRole('heading').textContent()).toBe('Something went wrong');
    expect(await dialog.textContent()).toContain(
      'Cannot reach the payment server. Check your connection and try again.',
    );
    expect(shownAfterMs).toBeLessThan(2_000);
    await expect.poll(() => popup.isClosed(), { timeout: 2_000 }).toBe(true);
  }, 60_000);

  it('zh-CN: the picker, the waiting view and its buttons are in Simplified Chinese', async () => {
    const context = await chromium.newContext();
    const page = await openShop(context, chromium.url());
    await page.goto(`${chromium.url()}?lang=zh-CN`);
    await page.locator('button[data-item="coins-550"]:enabled').waitFor();
    expect(await page.getByRole('group', { name: '支付方式' }).getByRole('radio', { name: '沙盒测试' }).count()).toBe(
      1,
    );
    expect(await page.locator('#channels .cs-root').getAttribute('lang')).toBe('zh-CN');
    const popup = await buyChest(page);
    const dialog = await dialogShows(page, 'waiting');
    expect(await dialog.getByRole('heading').textContent()).toBe('收银台已在另一个窗口中打开');
    expect(await dialog.getByRole('button').allTextContents()).toEqual(['×', '显示收银台窗口', '取消购买']);
    await popup.locator('#decline:enabled').click();
    expect(await (await dialogShows(page, 'result')).getByRole('heading').textContent()).toBe('支付未成功');
  }, 60_000);

  it('keyboard only: Tab reaches the picker and Buy, Enter buys, Escape hides the dialog and gives the focus back', async () => {
    const page = await openShop(await chromium.newContext(), chromium.url());
    const buy = page.locator('button[data-item="coins-550"]');
    await page.getByRole('radio', { name: 'Sandbox' }).focus();
    expect(
      await page.getByRole('radio', { name: 'Sandbox' }).evaluate((r) => r.matches(':focus-visible, :focus')),
    ).toBe(true);
    await buy.focus();
    const [popup] = await Promise.all([page.waitForEvent('popup'), page.keyboard.press('Enter')]);
    await dialogShows(page, 'waiting');
    await page.keyboard.press('Escape');
    await checkoutDialog(page).waitFor({ state: 'detached' });
    expect(await buy.evaluate((b) => b === document.activeElement)).toBe(true);
    await popup.locator('#decline:enabled').click();
    await dialogShows(page, 'result');
    expect(await axeViolations(page)).toEqual([]); // with the result dialog open
  }, 60_000);

  it('no user activation (a synthetic click, as a touch pointerdown): Continue opens the checkout, which completes', async () => {
    const page = await openShop(await chromium.newContext(), chromium.url());
    // Playwright's evaluate runs as a user gesture: click from a timer past Chromium's 5 s of transient activation.
    const activeThen = page.evaluate(
      () =>
        new Promise<boolean>((resolve) =>
          setTimeout(() => {
            resolve(navigator.userActivation.isActive);
            document.querySelector('button[data-item="coins-550"]')!.dispatchEvent(new MouseEvent('click'));
          }, 5_500),
        ),
    );
    const opened = await windowsOpenedBy(page, async () => {
      expect(await activeThen).toBe(false);
    });
    expect(opened).toBe(0); // core opened nothing it would have had blocked
    const dialog = await dialogShows(page, 'continue');
    expect(await dialog.getByRole('heading').textContent()).toBe('One more step');
    const [popup] = await Promise.all([
      page.waitForEvent('popup'),
      dialog.getByRole('button', { name: 'Continue to checkout' }).click(),
    ]);
    await dialogShows(page, 'waiting');
    await popup.locator('#approve:enabled').click();
    expect(await (await dialogShows(page, 'delivered')).textContent()).toContain('550 coins is yours');
  }, 60_000);
});
