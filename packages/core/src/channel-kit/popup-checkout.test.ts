import { describe, expect, it, vi } from 'vitest';
import { CoinslotError } from '../errors/coinslot-error.js';
import { type CheckoutMessageEvent, type PopupHost, popupCheckout } from './popup-checkout.js';

const URL_ = 'https://pay.test/checkout/b_1';
const ORIGIN = 'https://pay.test';

/** The game's window and the popup it opens: enough of both for the kit, with the listeners it leaves counted. */
function fakeBrowser(blocked = false) {
  const popup = { closed: false, close: vi.fn(() => void (popup.closed = true)), location: { replace: vi.fn() } };
  const listeners = new Set<(event: CheckoutMessageEvent) => void>();
  const host: PopupHost = {
    open: vi.fn(() => (blocked ? null : popup)),
    addEventListener: (_type, listener) => void listeners.add(listener),
    removeEventListener: (_type, listener) => void listeners.delete(listener),
  };
  const post = (data: unknown, source: unknown = popup, origin = ORIGIN) => {
    for (const listener of [...listeners]) listener({ data, source, origin });
  };
  return { popup, host, post, listeners };
}

const read = (data: unknown) => (data === 'paid' ? ({ kind: 'launched' } as const) : undefined);
const start = (browser: ReturnType<typeof fakeBrowser>, extra: Partial<Parameters<typeof popupCheckout>[0]> = {}) =>
  popupCheckout({
    url: URL_,
    origin: ORIGIN,
    name: 'coinslot-test',
    read,
    signal: new AbortController().signal,
    host: browser.host,
    pollMs: 5,
    ...extra,
  });

describe('popupCheckout', () => {
  it('reads only its own popup’s messages from the origin, then closes it and removes its listener', async () => {
    const browser = fakeBrowser();
    const outcome = start(browser);
    expect(browser.host.open).toHaveBeenCalledWith(URL_, 'coinslot-test', 'popup,width=480,height=720');
    browser.post('paid', {}); // another window
    browser.post('paid', browser.popup, 'https://evil.test'); // another origin
    browser.post('something else'); // read() ignores it
    expect(browser.popup.closed).toBe(false);
    browser.post('paid');
    await expect(outcome).resolves.toEqual({ kind: 'launched' });
    expect(browser.popup.close).toHaveBeenCalledOnce();
    expect(browser.listeners.size).toBe(0);
  });

  it('navigates core’s pre-opened window instead of opening one', async () => {
    const browser = fakeBrowser();
    const outcome = start(browser, { window: browser.popup });
    expect(browser.popup.location.replace).toHaveBeenCalledWith(URL_);
    expect(browser.host.open).not.toHaveBeenCalled();
    browser.post('paid');
    await expect(outcome).resolves.toEqual({ kind: 'launched' });
  });

  it('rejects with what read() throws', async () => {
    const browser = fakeBrowser();
    const failure = new CoinslotError('CHANNEL_LAUNCH_FAILED', 'no proof');
    const outcome = start(browser, {
      read: () => {
        throw failure;
      },
    });
    browser.post('anything');
    await expect(outcome).rejects.toBe(failure);
    expect(browser.listeners.size).toBe(0);
  });

  it('a popup closed by the player is cancelled; watch() may end it too, and is stopped when it ends', async () => {
    const closed = fakeBrowser();
    const outcome = start(closed);
    closed.popup.close();
    await expect(outcome).resolves.toEqual({ kind: 'cancelled', reason: 'closed' });

    const watched = fakeBrowser();
    let watchSignal: AbortSignal | undefined;
    const settled = start(watched, {
      watch: async (signal) => {
        watchSignal = signal;
        return { kind: 'launched' };
      },
    });
    await expect(settled).resolves.toEqual({ kind: 'launched' });
    expect(watchSignal?.aborted).toBe(true);
    expect(watched.popup.closed).toBe(true);
  });

  it('an abort closes the popup and rejects with the reason', async () => {
    const browser = fakeBrowser();
    const controller = new AbortController();
    const outcome = start(browser, { signal: controller.signal });
    controller.abort(new DOMException('gone', 'AbortError'));
    await expect(outcome).rejects.toMatchObject({ name: 'AbortError', message: 'gone' });
    expect(browser.popup.closed).toBe(true);
    expect(browser.listeners.size).toBe(0);
  });

  it('a blocked window rejects USER_ACTIVATION_REQUIRED, safe to show and retryable', async () => {
    const error = await start(fakeBrowser(true)).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'USER_ACTIVATION_REQUIRED', safeToShow: true, retryable: true });
  });
});
