// Keyboard and focus: the focus moves into the view (its Close button) and comes back to what had it, whichever
// way the view ends; the page behind cannot take the focus while it shows; Enter on Close closes it.
import { page, userEvent } from '@vitest/browser/context';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openView, type OpenView } from './open-view.js';

let opener: HTMLButtonElement;
beforeEach(() => {
  opener = document.createElement('button');
  opener.textContent = 'Pay with WeChat';
  document.body.append(opener);
  opener.focus();
});
afterEach(() => opener.remove());

const MINUTE = 60_000;
const endings: Array<[string, number, (view: OpenView) => Promise<unknown>]> = [
  ['the Close button', MINUTE, () => userEvent.click(page.getByRole('button', { name: 'Close' }))],
  ['Escape', MINUTE, () => userEvent.keyboard('{Escape}')],
  ['an abort', MINUTE, async (view) => view.controller.abort()],
  ['the expiry', 1_500, async () => undefined],
];

describe('focus', () => {
  it.each(endings)('moves into the view, and back to the opener after %s', async (_name, lifetime, end) => {
    const view = openView({ expiresAt: Date.now() + lifetime });
    expect(document.activeElement?.textContent).toBe('Close');
    await end(view);
    await view.outcome;
    expect(document.activeElement).toBe(opener);
  });

  it('keeps the page behind from taking the focus while the view shows', async () => {
    const { controller, outcome } = openView();
    opener.focus();
    expect(document.activeElement?.textContent).toBe('Close');
    controller.abort();
    await outcome;
    opener.focus();
    expect(document.activeElement).toBe(opener);
  });

  it('closes with Enter on its focused Close button', async () => {
    const { outcome } = openView();
    await userEvent.keyboard('{Enter}');
    expect(await outcome).toBe('closed');
  });
});
