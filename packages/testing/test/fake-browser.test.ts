import { popupCheckout } from '@coinslot/core/channel-kit';
import { afterEach, describe, expect, it } from 'vitest';
import { installFakeBrowser } from '../src/browser-fakes.js';

// The fake browser is what channel adapters' tests run in: core's popup checkout must run in it as in a browser.
const ORIGIN = 'https://pay.test';
const read = (data: unknown) => (data === 'paid' ? ({ kind: 'launched' } as const) : undefined);

describe('installFakeBrowser', () => {
  const browser = installFakeBrowser('https://game.test/shop?level=3');
  afterEach(() => {
    browser.popups.length = 0;
    browser.blockPopups = false;
  });
  const checkoutOf = (url: string) =>
    popupCheckout({
      url,
      origin: ORIGIN,
      read,
      name: 'coinslot-test',
      host: browser.window,
      signal: new AbortController().signal,
    });

  it('is globalThis.window, at the page it was given', () => {
    expect(globalThis.window).toBe(browser.window);
    expect(browser.window.location.href).toBe('https://game.test/shop?level=3');
  });

  it('runs popupCheckout: the popup opens on the checkout page and the message it posts ends the checkout', async () => {
    const checkout = checkoutOf(`${ORIGIN}/pay/1`);
    const popup = browser.showing(`${ORIGIN}/pay/1`);
    expect(popup?.name).toBe('coinslot-test');
    browser.post(popup, 'paid', 'https://elsewhere.test');
    browser.post(popup, 'paid', ORIGIN);
    await expect(checkout).resolves.toEqual({ kind: 'launched' });
    expect(popup?.closed).toBe(true);
  });

  it('blocks popups on request, as a popup blocker does', async () => {
    browser.blockPopups = true;
    const checkout = checkoutOf(`${ORIGIN}/pay/2`);
    await expect(checkout).rejects.toMatchObject({ code: 'USER_ACTIVATION_REQUIRED' });
    expect(browser.popups).toEqual([]);
  });

  it('returns the open window of a name, navigated, and a new one once it is closed', () => {
    const first = browser.window.open('about:blank', 'coinslot-test');
    expect(browser.window.open(`${ORIGIN}/pay/3`, 'coinslot-test')).toBe(first);
    expect(first?.location.href).toBe(`${ORIGIN}/pay/3`);
    first?.close();
    expect(browser.window.open(`${ORIGIN}/pay/4`, 'coinslot-test')).not.toBe(first);
    expect(browser.popups.map((popup) => popup.url)).toEqual([`${ORIGIN}/pay/3`, `${ORIGIN}/pay/4`]);
  });

  it('records where the game page was sent, and uninstalls', () => {
    browser.window.location.assign(`${ORIGIN}/redirect`);
    expect(browser.navigations).toEqual([`${ORIGIN}/redirect`]);
    browser.uninstall();
    expect('window' in globalThis).toBe(false);
  });
});
