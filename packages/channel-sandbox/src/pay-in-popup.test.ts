import { CoinslotError } from '@coinslot/core';
import { describe, expect, it, vi } from 'vitest';
import { payInPopup, type PopupHost } from './pay-in-popup.js';

const URL_ = 'http://127.0.0.1:9/v1/sandbox/checkout/b_1?token=t';
const ORIGIN = 'http://127.0.0.1:9';

/** A stand-in for the game's window and the popup it opens: enough of both for the adapter. */
function fakeBrowser(options: { blocked?: boolean } = {}) {
  const popup = {
    closed: false,
    close: vi.fn(() => void (popup.closed = true)),
    location: { replace: vi.fn() },
  };
  const events = new EventTarget();
  const listening = new Set<EventListenerOrEventListenerObject>();
  const host = {
    open: vi.fn(() => (options.blocked ? null : popup)),
    addEventListener: (type: string, listener: EventListenerOrEventListenerObject) => {
      if (type === 'message') listening.add(listener);
      events.addEventListener(type, listener);
    },
    removeEventListener: (type: string, listener: EventListenerOrEventListenerObject) => {
      if (type === 'message') listening.delete(listener);
      events.removeEventListener(type, listener);
    },
  } as unknown as PopupHost;
  const post = (data: unknown, from: { source?: unknown; origin?: string } = {}) =>
    events.dispatchEvent(
      Object.assign(new Event('message'), { data, source: from.source ?? popup, origin: from.origin ?? ORIGIN }),
    );
  /** How many `message` listeners the adapter left on the game's window. */
  const messageListeners = () => listening.size;
  return { popup, host, post, messageListeners, window: popup as unknown as Window };
}

const checkout = (browser: ReturnType<typeof fakeBrowser>, extra: Partial<Parameters<typeof payInPopup>[0]> = {}) =>
  payInPopup({
    billId: 'b_1',
    url: URL_,
    mode: 'server',
    signal: new AbortController().signal,
    host: browser.host,
    pollMs: 5,
    ...extra,
  });

describe('payInPopup', () => {
  it('navigates the window core opened and resolves launched on approve in server mode', async () => {
    const browser = fakeBrowser();
    const outcome = checkout(browser, { window: browser.window });
    browser.post({ source: 'coinslot-sandbox', billId: 'b_1', decision: 'approve' });
    await expect(outcome).resolves.toEqual({ kind: 'launched' });
    expect(browser.popup.location.replace).toHaveBeenCalledWith(URL_);
    expect(browser.host.open).not.toHaveBeenCalled();
  });

  it('believes only the popup, from the checkout origin, about this bill', async () => {
    const browser = fakeBrowser();
    const outcome = checkout(browser, { mode: 'client' });
    const proof = { billId: 'b_1', decision: 'approve', signature: 'ab' };
    browser.post({ source: 'coinslot-sandbox', billId: 'b_1', decision: 'decline', proof }, { source: {} });
    browser.post(
      { source: 'coinslot-sandbox', billId: 'b_1', decision: 'decline', proof },
      { origin: 'http://evil.test' },
    );
    browser.post({ source: 'coinslot-sandbox', billId: 'b_2', decision: 'decline', proof });
    browser.post({ source: 'other', billId: 'b_1', decision: 'decline', proof });
    browser.post({ source: 'coinslot-sandbox', billId: 'b_1', decision: 'approve', proof });
    await expect(outcome).resolves.toEqual({ kind: 'proof', proof });
    expect(browser.host.open).toHaveBeenCalledWith(URL_, 'coinslot-sandbox', expect.any(String));
  });

  it('reports a cancel decision as cancelled', async () => {
    const browser = fakeBrowser();
    const outcome = checkout(browser);
    browser.post({ source: 'coinslot-sandbox', billId: 'b_1', decision: 'cancel' });
    await expect(outcome).resolves.toEqual({ kind: 'cancelled', reason: 'cancelled' });
  });

  it('treats a popup closed without a decision as cancelled', async () => {
    const browser = fakeBrowser();
    const outcome = checkout(browser);
    browser.popup.close();
    await expect(outcome).resolves.toEqual({ kind: 'cancelled', reason: 'closed' });
  });

  it('closes the popup and rejects with the abort reason when the signal aborts', async () => {
    const browser = fakeBrowser();
    const controller = new AbortController();
    const outcome = checkout(browser, { signal: controller.signal });
    controller.abort();
    await expect(outcome).rejects.toMatchObject({ name: 'AbortError' });
    expect(browser.popup.close).toHaveBeenCalled();
  });

  it.each([
    [
      'a decision',
      (browser: ReturnType<typeof fakeBrowser>) =>
        browser.post({ source: 'coinslot-sandbox', billId: 'b_1', decision: 'approve' }),
    ],
    ['the popup closed', (browser: ReturnType<typeof fakeBrowser>) => browser.popup.close()],
  ])("stops listening to the game window's messages after %s", async (_ending, end) => {
    const browser = fakeBrowser();
    const outcome = checkout(browser);
    expect(browser.messageListeners()).toBe(1);
    end(browser);
    await outcome;
    expect(browser.messageListeners()).toBe(0);
  });

  it("stops listening to the game window's messages when the signal aborts", async () => {
    const browser = fakeBrowser();
    const controller = new AbortController();
    const outcome = checkout(browser, { signal: controller.signal });
    controller.abort();
    await outcome.catch(() => undefined);
    expect(browser.messageListeners()).toBe(0);
  });

  it('fails USER_ACTIVATION_REQUIRED, fit for the player, when the browser blocks the popup', async () => {
    const error = await checkout(fakeBrowser({ blocked: true })).catch((e: unknown) => e);
    expect(CoinslotError.isInstance(error) && error.code).toBe('USER_ACTIVATION_REQUIRED');
    expect(error).toMatchObject({ safeToShow: true });
  });
});
