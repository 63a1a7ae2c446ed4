/**
 * Just enough of a browser for the adapter and core to run in Node: the game's `window` (an EventTarget with `open`
 * and `location`) and the popups it opens, installed on `globalThis.window` where the adapter and core look for it.
 * Like a real browser, `open(url, name)` answers the open window of that name when there is one.
 */
export class FakePopup {
  closed = false;
  readonly location: { href: string; replace(url: string): void; assign(url: string): void };

  constructor(
    public url: string,
    readonly name: string,
  ) {
    const navigate = (to: string) => void (this.url = to);
    const self = this;
    this.location = {
      get href() {
        return self.url;
      },
      replace: navigate,
      assign: navigate,
    };
  }

  close(): void {
    this.closed = true;
  }

  focus(): void {}
}

/** The fake browser and the handles a test drives it with. */
export interface FakeBrowser {
  window: Window;
  popups: FakePopup[];
  /** Where the game's own page was sent (`location.assign`). */
  navigations: string[];
  /** When true, `window.open` answers `null`, as a popup blocker does. */
  blockPopups: boolean;
  /** The open popup showing a page under `url`, if any. */
  showing(url: string): FakePopup | undefined;
  /** Delivers a `message` event to the game's window, as if `source` had called `opener.postMessage(data)`. */
  post(source: unknown, data: unknown, origin: string): void;
  uninstall(): void;
}

/** Installs a fake browser window on `globalThis` whose page is at `href`. */
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
