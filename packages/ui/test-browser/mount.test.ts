// Where the UI lives: in a shadow root of its own (or one the game gives), with its styles kept inside it and only
// the --coinslot-ui-* custom properties coming in.
import { describe, expect, it } from 'vitest';
import { mountCheckout } from '../src/index.js';
import { fakeCoinslot, mountPoint, uiRoot, until } from './fake-coinslot.js';

describe('mounting', () => {
  it('lists the ready channels in their order, with the built-in names, as native radios in a named group', async () => {
    const target = mountPoint();
    const ui = mountCheckout(target, { coinslot: fakeCoinslot(['wechatpay', 'sandbox', 'acme']).coinslot });
    const root = uiRoot(target);
    const radios = await until(() => {
      const found = [...root.querySelectorAll<HTMLInputElement>('input[type="radio"]')];
      return found.length === 3 && found;
    });
    expect(radios.map((radio) => radio.value)).toEqual(['wechatpay', 'sandbox', 'acme']);
    expect(radios.map((radio) => radio.labels?.[0]?.querySelector('.cs-name')?.textContent)).toEqual([
      'WeChat Pay',
      'Sandbox',
      'acme', // unknown to the UI, not named by the game: its id
    ]);
    expect(root.querySelector('legend')?.textContent).toBe('Pay with');
    expect(ui.selected()).toBe('wechatpay');
    radios[1]!.click();
    expect(ui.selected()).toBe('sandbox');
    ui.destroy();
    expect(target.querySelector('.coinslot-checkout')).toBeNull();
  });

  it("keeps its styles inside: the page's button rule does not reach it, its rules do not reach the page", async () => {
    const style = document.createElement('style');
    style.textContent = 'button { border-radius: 0; letter-spacing: 7px } .cs-primary { color: rgb(1, 2, 3) }';
    document.head.append(style);
    const pageButton = document.createElement('button');
    pageButton.className = 'cs-hide';
    document.body.append(pageButton);
    const target = mountPoint();
    mountCheckout(target, { coinslot: fakeCoinslot().coinslot });
    const hide = uiRoot(target).querySelector<HTMLButtonElement>('.cs-hide')!;
    expect(getComputedStyle(hide).letterSpacing).not.toBe('7px');
    expect(getComputedStyle(pageButton).position).not.toBe('absolute'); // the UI's .cs-hide rule stays inside
    style.remove();
    pageButton.remove();
  });

  it('takes its colours from the --coinslot-ui-* custom properties of the page', async () => {
    const target = mountPoint();
    target.style.setProperty('--coinslot-ui-accent', 'rgb(10, 200, 30)');
    mountCheckout(target, { coinslot: fakeCoinslot().coinslot });
    const root = uiRoot(target);
    const option = await until(() => root.querySelector<HTMLElement>('input:checked + .cs-option'));
    expect(getComputedStyle(option).borderTopColor).toBe('rgb(10, 200, 30)');
  });

  it('mounts into a shadow root the game gives, and speaks Simplified Chinese with locale zh-CN', async () => {
    const host = mountPoint();
    const root = host.attachShadow({ mode: 'open' });
    mountCheckout(root, { coinslot: fakeCoinslot(['alipay']).coinslot, locale: 'zh-CN' });
    await until(() => root.querySelector('input[type="radio"]'));
    expect(root.querySelector('legend')?.textContent).toBe('支付方式');
    expect(root.querySelector('.cs-name')?.textContent).toBe('支付宝');
    expect(root.querySelector('.cs-root')?.getAttribute('lang')).toBe('zh-CN');
  });

  it("shows the game's name for a channel with the built-in icon, and its own messages", async () => {
    const target = mountPoint();
    mountCheckout(target, {
      coinslot: fakeCoinslot(['stripe']).coinslot,
      channels: { stripe: { name: 'Credit card' } },
      messages: { payWith: 'Choose how to pay' },
    });
    const root = uiRoot(target);
    await until(() => root.querySelector('.cs-name'));
    expect(root.querySelector('.cs-name')?.textContent).toBe('Credit card');
    expect(root.querySelector('svg.cs-icon text')?.textContent).toBe('S');
    expect(root.querySelector('legend')?.textContent).toBe('Choose how to pay');
  });
});
