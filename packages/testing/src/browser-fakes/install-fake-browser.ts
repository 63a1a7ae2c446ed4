import { FakePopup } from './fake-popup.js';

/** The fake browser, and the handles a test drives it with. */
export interface FakeBrowser {
  /**
   * The game's window, as `globalThis.window`: an `EventTarget` with `open` and `location`. It is a `PopupHost` of
   * `@coinslot/core/channel-kit`, so it can be passed as `popupCheckout`'s `host` too.
   */
  window: Window;
  /** Every popup ever opened, oldest first. */
  popups: FakePopup[];
  /** Where the game's page was sent (`location.assign`), oldest first. */
  navigations: string[];
  /** When true, `window.open` returns `null`, as a popup blocker does. */
  blockPopups: boolean;
  /** The open popup showing a page under `url`, if any. */
  showing(url: string): FakePopup | undefined;
  /** Delivers a `message` event to the game's window, as if `source` had posted `data` from `origin`. */
  post(source: unknown, data: unknown, origin: string): void;
  /** Removes `globalThis.window`. */
  uninstall(): void;
}

/**
 * Installs a fake browser window on `globalThis.window`, whose page is at `href`: just enough of a browser for a
 * channel adapter (and core, which opens the popup inside the player's click) to run in Node, so the code under test
 * is the code that runs in a real browser. Like a browser, `window.open(url, name)` returns the open window of that
 * name when there is one (navigated to `url` unless `url` is empty).
 *
 * For adapter tests in Node; pages and real popup blockers are tested in Chromium.
 * @example
 * const browser = installFakeBrowser();
 * afterEach(() => browser.uninstall());
 * // … start a purchase, then play the page: browser.post(browser.showing(checkoutUrl), { paid: true }, origin)
 */
export function installFakeBrowser(href = 'https://game.test/shop'): FakeBrowser {
  const target = new EventTarget();
  const browser: FakeBrowser = {
    window: target as unknown as Window,
    popups: [],
    navigations: [],
    blockPopups: false,
    showing: (url) => browser.popups.find((popup) => !popup.closed && popup.url.startsWith(url)),
    post(source, data, origin) {
      target.dispatchEvent(Object.assign(new Event('message'), { data, origin, source }));
    },
    uninstall() {
      delete (globalThis as { window?: unknown }).window;
    },
  };
  Object.assign(target, {
    location: { href, assign: (url: string) => void browser.navigations.push(url) },
    open(url = '', name = '') {
      if (browser.blockPopups) return null;
      const named = name === '' ? undefined : browser.popups.find((popup) => popup.name === name && !popup.closed);
      if (named) {
        if (url !== '') named.url = url;
        return named;
      }
      const popup = new FakePopup(url === '' ? 'about:blank' : url, name);
      browser.popups.push(popup);
      return popup;
    },
  });
  (globalThis as { window?: unknown }).window = target;
  return browser;
}
