import { CoinslotError, type PayContext } from '@coinslot/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStripeChannel, readStripeReturn, type StripeOptions } from '../src/index.js';
import { createPayContext, type FakeBrowser, installFakeBrowser } from '@coinslot/testing/browser-fakes';

// The adapter alone, in the fake browser: what it shows, which messages it believes, how each checkout ends.
const CHECKOUT = 'https://checkout.stripe.com/c/pay/cs_test_a1';
const PAY_SERVER = 'https://pay.test';
const LAUNCH = {
  checkoutUrl: CHECKOUT,
  sessionId: 'cs_test_a1',
  returnOrigin: PAY_SERVER,
  expiresAt: 1_800_000_000_000,
};
const message = (status: string, billId = 'b_1') => ({ source: 'coinslot-stripe', billId, status });

let browser: FakeBrowser;
beforeEach(() => void (browser = installFakeBrowser()));
afterEach(() => browser.uninstall());

const payContext = (overrides: Partial<PayContext<StripeOptions>> = {}) =>
  createPayContext<StripeOptions>({ serverUrl: PAY_SERVER, launch: LAUNCH, ...overrides });

const codeOf = (error: unknown) => (CoinslotError.isInstance(error) ? error.code : error);

describe('popup checkout', () => {
  it('shows Checkout in the window core opened and believes only that popup, from the return page’s origin, about this bill', async () => {
    const preOpened = browser.window.open('about:blank', 'coinslot-stripe')!;
    const outcome = createStripeChannel().pay(payContext({ window: preOpened }));
    const popup = browser.showing(CHECKOUT)!;
    expect(popup).toBe(preOpened);
    browser.post({}, message('cancelled'), PAY_SERVER);
    browser.post(popup, message('cancelled'), 'https://checkout.stripe.com');
    browser.post(popup, message('cancelled', 'b_2'), PAY_SERVER);
    browser.post(popup, { ...message('completed'), source: 'someone-else' }, PAY_SERVER);
    browser.post(popup, message('completed'), PAY_SERVER);
    await expect(outcome).resolves.toEqual({ kind: 'launched' });
    expect(popup.closed).toBe(true);
  });

  it('ends cancelled when the return page says so, or when the player closes the popup', async () => {
    const adapter = createStripeChannel();
    const cancelled = adapter.pay(payContext());
    browser.post(browser.showing(CHECKOUT), message('cancelled'), PAY_SERVER);
    await expect(cancelled).resolves.toEqual({ kind: 'cancelled', reason: 'cancelled' });
    const closed = adapter.pay(payContext());
    browser.showing(CHECKOUT)!.close();
    await expect(closed).resolves.toEqual({ kind: 'cancelled', reason: 'closed' });
  });

  it('fails USER_ACTIVATION_REQUIRED (core keeps the bill for the next tap) when the popup is blocked', async () => {
    browser.blockPopups = true;
    const error = await createStripeChannel()
      .pay(payContext({ window: null }))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'USER_ACTIVATION_REQUIRED', safeToShow: true, retryable: true });
  });

  it('stops at once when aborted or disposed: popup closed, rejected with the reason', async () => {
    const adapter = createStripeChannel();
    const controller = new AbortController();
    const aborted = adapter.pay(payContext({ signal: controller.signal }));
    controller.abort(new DOMException('gone', 'AbortError'));
    await expect(aborted).rejects.toMatchObject({ name: 'AbortError' });
    const disposed = adapter.pay(payContext());
    const popup = browser.showing(CHECKOUT)!;
    await adapter.dispose?.();
    expect(codeOf(await disposed.catch((e: unknown) => e))).toBe('DISPOSED');
    expect(popup.closed).toBe(true);
  });
});

describe('redirect checkout', () => {
  it('closes the pre-opened popup, sends the page to Checkout and resolves launched', async () => {
    const preOpened = browser.window.open('about:blank', 'coinslot-stripe')!;
    const outcome = await createStripeChannel().pay(payContext({ presentation: 'redirect', window: preOpened }));
    expect(outcome).toEqual({ kind: 'launched' });
    expect(preOpened.closed).toBe(true);
    expect(browser.navigations).toEqual([CHECKOUT]);
  });

  it('reads the bill the return page sent the player back with', () => {
    const back = new URL('https://game.test/shop');
    back.searchParams.set('stripeResult', JSON.stringify(message('completed')));
    expect(readStripeReturn(back)).toEqual(message('completed'));
    expect(readStripeReturn('https://game.test/shop')).toBeUndefined();
    expect(readStripeReturn('https://game.test/shop?stripeResult=%7Bbroken')).toBeUndefined();
    back.searchParams.set('stripeResult', JSON.stringify(message('paid')));
    expect(readStripeReturn(back)).toBeUndefined();
  });
});

describe('environment, options and launch payload', () => {
  const env = { serverUrl: PAY_SERVER, logger: payContext().logger };

  it('is available only in a browser window on the web or in an Electron renderer', () => {
    const adapter = createStripeChannel();
    expect(adapter.isAvailable({ ...env, platform: 'web' })).toBe(true);
    expect(adapter.isAvailable({ ...env, platform: 'electron-renderer' })).toBe(true);
    expect(adapter.isAvailable({ ...env, platform: 'node' })).toBe(false);
    browser.uninstall();
    expect(adapter.isAvailable({ ...env, platform: 'web' })).toBe(false);
  });

  it.each([[{ presentaton: 'popup' }], [{ presentation: 'embedded' }], ['popup']])(
    'refuses the options %j with INVALID_OPTIONS (core then skips the channel as unsupported)',
    async (options) => {
      const error = await Promise.resolve()
        .then(() => createStripeChannel().init?.({ ...env, platform: 'web' }, options as never))
        .catch((e: unknown) => e);
      expect(codeOf(error)).toBe('INVALID_OPTIONS');
    },
  );

  it.each([
    [{}],
    [{ ...LAUNCH, checkoutUrl: 'javascript:alert(1)' }],
    [{ ...LAUNCH, sessionId: 'pi_123' }],
    [{ ...LAUNCH, returnOrigin: 'https://pay.test/path' }],
    [{ ...LAUNCH, expiresAt: 'soon' }],
  ])('refuses the launch payload %j with CHANNEL_LAUNCH_FAILED', async (launch) => {
    const error = await createStripeChannel()
      .pay(payContext({ launch }))
      .catch((e: unknown) => e);
    expect(codeOf(error)).toBe('CHANNEL_LAUNCH_FAILED');
  });
});
