import { describe, expect, it, vi } from 'vitest';
import { payByRedirect } from './pay-by-redirect.js';
import { checkoutPageUrl } from './sandbox-launch.js';
import { readSandboxReturn } from './sandbox-message.js';

const launch = {
  checkoutUrl: 'http://pay.test/v1/sandbox/checkout/b_1?token=t',
  decideUrl: 'http://pay.test/v1/sandbox/checkout/b_1/decide?token=t',
};

describe('redirect checkout', () => {
  it('sends the page to the checkout with the game URL to come back to, and never settles', async () => {
    const location = { assign: vi.fn() };
    const url = checkoutPageUrl(launch, 'server', 'http://game.test/shop?level=3#top');
    const outcome = payByRedirect(url, new AbortController().signal, location);

    const target = new URL(location.assign.mock.calls[0]?.[0] as string);
    expect(target.searchParams.get('token')).toBe('t');
    expect(target.searchParams.get('returnUrl')).toBe('http://game.test/shop?level=3#top');
    expect(target.searchParams.has('mode')).toBe(false);
    const settled = await Promise.race([outcome.then(() => true), new Promise((r) => setTimeout(() => r(false), 20))]);
    expect(settled).toBe(false);
  });

  it('rejects with the abort reason when aborted before the page left', async () => {
    const controller = new AbortController();
    const outcome = payByRedirect('http://pay.test/c', controller.signal, { assign: vi.fn() });
    controller.abort();
    await expect(outcome).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('reads the bill the sandbox sent the player back with', () => {
    const message = { source: 'coinslot-sandbox', billId: 'b_1', decision: 'approve' };
    const back = new URL('http://game.test/shop');
    back.searchParams.set('sandboxResult', JSON.stringify(message));
    expect(readSandboxReturn(back)).toEqual(message);
    expect(readSandboxReturn('http://game.test/shop')).toBeUndefined();
    expect(readSandboxReturn('http://game.test/shop?sandboxResult=%7Bbroken')).toBeUndefined();
    expect(readSandboxReturn('http://game.test/shop?sandboxResult=%7B%22billId%22%3A1%7D')).toBeUndefined();
  });
});
