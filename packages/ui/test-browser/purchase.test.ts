// A purchase as the player sees it: each step, how it ended, and what a second Buy does meanwhile.
import { CoinslotError, type PurchaseResult } from '@coinslot/core';
import { describe, expect, it } from 'vitest';
import { mountCheckout } from '../src/index.js';
import { bill, fakeCoinslot, mountPoint, uiRoot, until } from './fake-coinslot.js';

const REQUEST = { itemId: 'gems-500', amount: 499, currency: 'USD' };

async function mounted(locale?: string) {
  const fake = fakeCoinslot(['stripe']);
  const target = mountPoint();
  const ui = mountCheckout(target, { coinslot: fake.coinslot, locale, itemName: () => '500 gems' });
  const root = uiRoot(target);
  await until(() => root.querySelector('input[type="radio"]'));
  const dialog = root.querySelector('dialog')!;
  return { fake, ui, root, dialog, view: () => (dialog.open ? dialog.dataset.view : undefined) };
}

describe('a purchase in the dialog', () => {
  it('opening, then waiting with the channel named, then the delivered confirmation naming the item', async () => {
    const { fake, ui, dialog, view } = await mounted();
    const result = ui.buy(REQUEST);
    expect(view()).toBe('opening');
    expect(fake.purchases[0]?.request).toMatchObject({ channel: 'stripe', itemId: 'gems-500' });
    fake.emit('bill-created', { bill: bill('b1', { channel: 'stripe' }) });
    expect(view()).toBe('waiting');
    expect(dialog.textContent).toContain('Finish paying with Card in the checkout window.');
    const delivered = { status: 'delivered', bill: bill('b1'), delivered: true, granted: true } as PurchaseResult;
    fake.purchases[0]!.resolve(delivered);
    expect(await result).toBe(delivered);
    expect(view()).toBe('delivered');
    expect(dialog.textContent).toContain('500 gems is yours.');
    expect(ui.busy()).toBe(false);
  });

  it('a second Buy while one is open asks core for nothing and shows the open one with a note', async () => {
    const { fake, ui, dialog, view } = await mounted();
    void ui.buy(REQUEST);
    fake.emit('bill-created', { bill: bill('b1', { channel: 'stripe' }) });
    dialog.querySelector<HTMLButtonElement>('.cs-hide')!.click(); // hidden; the purchase goes on
    expect(view()).toBeUndefined();
    expect(await ui.buy(REQUEST)).toBeUndefined();
    expect(fake.purchases).toHaveLength(1);
    expect(view()).toBe('waiting');
    expect(dialog.querySelector('[role="note"]')?.textContent).toBe(
      'You already have a purchase open. Finish or cancel it first.',
    );
  });

  it("an error: the SDK's safe message in English, the UI's own sentence in Chinese, never the code", async () => {
    const safe = new CoinslotError('CHANNEL_LAUNCH_FAILED', 'The checkout window was blocked.', { safeToShow: true });
    const english = await mounted('en');
    void english.ui.buy(REQUEST);
    english.fake.purchases[0]!.reject(safe);
    await until(() => english.view() === 'error');
    expect(english.dialog.textContent).toContain('The checkout window was blocked.');

    const chinese = await mounted('zh-CN');
    void chinese.ui.buy(REQUEST);
    chinese.fake.purchases[0]!.reject(new CoinslotError('NETWORK_ERROR', 'fetch failed', { retryable: true }));
    await until(() => chinese.view() === 'error');
    expect(chinese.dialog.textContent).toContain('无法连接支付服务器');
    expect(chinese.dialog.textContent).not.toContain('NETWORK_ERROR');
  });

  it('declined, cancelled and pending each read as the player would understand them', async () => {
    const titles: string[] = [];
    for (const status of ['declined', 'cancelled', 'pending'] as const) {
      const { fake, ui, dialog } = await mounted();
      const done = ui.buy(REQUEST);
      fake.purchases[0]!.resolve({ status, bill: bill('b1'), delivered: false, granted: false } as PurchaseResult);
      await done;
      titles.push(dialog.querySelector('h2')?.textContent ?? '');
    }
    expect(titles).toEqual(['Payment declined', 'Purchase cancelled', 'Still confirming your payment']);
  });
});
