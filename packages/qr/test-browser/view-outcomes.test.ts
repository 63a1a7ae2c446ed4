// How the view ends — the player closes it (button or Escape), the code expires, the channel aborts — and that it
// leaves nothing behind: no dialog, no stylesheet, no timer.
import { page, userEvent } from '@vitest/browser/context';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { showQrCheckout } from '../src/index.js';
import { dialogIn, openView } from './open-view.js';

const leftovers = () => ({
  dialogs: document.querySelectorAll('dialog').length,
  sheets: document.adoptedStyleSheets.filter((sheet) =>
    [...sheet.cssRules].some((r) => r.cssText.includes('coinslot-qr')),
  ).length,
});

afterEach(() => vi.useRealTimers());

describe('how the view ends', () => {
  it('resolves closed when the player presses Close, and removes itself', async () => {
    const { outcome } = openView();
    await userEvent.click(page.getByRole('button', { name: 'Close' }));
    expect(await outcome).toBe('closed');
    expect(leftovers()).toEqual({ dialogs: 0, sheets: 0 });
  });

  it('resolves closed on Escape, and removes itself', async () => {
    const { outcome } = openView();
    await expect.element(page.getByRole('dialog')).toBeVisible();
    await userEvent.keyboard('{Escape}');
    expect(await outcome).toBe('closed');
    expect(leftovers()).toEqual({ dialogs: 0, sheets: 0 });
  });

  it('resolves aborted when the channel’s signal aborts (the bill settled), and removes itself', async () => {
    const { outcome, controller } = openView();
    expect(dialogIn()?.open).toBe(true);
    controller.abort();
    expect(await outcome).toBe('aborted');
    expect(leftovers()).toEqual({ dialogs: 0, sheets: 0 });
  });

  it('resolves expired at expiresAt, not a moment before, and leaves no timer', async () => {
    vi.useFakeTimers({ now: 1_700_000_000_000 });
    const { outcome } = openView({ expiresAt: new Date(1_700_000_000_000 + 90_000) });
    let settled: string | undefined;
    void outcome.then((value) => (settled = value));
    await vi.advanceTimersByTimeAsync(89_999);
    expect(settled).toBeUndefined();
    expect(dialogIn()?.open).toBe(true);
    await vi.advanceTimersByTimeAsync(1);
    expect(settled).toBe('expired');
    expect(leftovers()).toEqual({ dialogs: 0, sheets: 0 });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('ends once: a later abort, Escape or expiry changes nothing', async () => {
    vi.useFakeTimers();
    const { outcome, controller } = openView({ expiresAt: Date.now() + 5_000 });
    dialogIn()?.querySelector('button')?.click();
    controller.abort();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(await outcome).toBe('closed');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('shows nothing and resolves aborted when the signal is already aborted', async () => {
    expect(
      await showQrCheckout({
        text: 'https://qr.alipay.com/bax01',
        amount: 100,
        currency: 'CNY',
        expiresAt: Date.now() + 60_000,
        signal: AbortSignal.abort(),
      }),
    ).toBe('aborted');
    expect(leftovers()).toEqual({ dialogs: 0, sheets: 0 });
  });

  it('shows nothing and resolves expired when expiresAt has passed', async () => {
    const { outcome } = openView({ expiresAt: Date.now() - 1 });
    expect(dialogIn()).toBeNull();
    expect(await outcome).toBe('expired');
  });

  it('shows nothing and rejects when the currency is not a currency code', async () => {
    const { outcome } = openView({ currency: 'yuan' });
    await expect(outcome).rejects.toThrow(RangeError);
    expect(leftovers()).toEqual({ dialogs: 0, sheets: 0 });
  });
});
