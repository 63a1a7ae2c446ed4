import { CoinslotError, type PayContext } from '@coinslot/core';
import type { ExampleHostedOptions } from '../src/index.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createExampleHostedChannel, readExampleHostedReturn } from '../src/index.js';
import { createPayContext, installFakeBrowser, type FakeBrowser } from '@coinslot/testing/browser-fakes';

// The adapter alone, in the fake browser: what it shows, which messages it believes, how each checkout ends.
const CHECKOUT = 'https://checkout.hosted-pay.test/pay/cs_1';
const ORIGIN = 'https://checkout.hosted-pay.test';
const message = (status: string, billId = 'b_1') => ({ source: 'coinslot-example-hosted', billId, status });

let browser: FakeBrowser;
beforeEach(() => void (browser = installFakeBrowser('https://game.test/shop?level=3')));
afterEach(() => browser.uninstall());

const payContext = (overrides: Partial<PayContext<ExampleHostedOptions>> = {}) =>
  createPayContext<ExampleHostedOptions>({
    serverUrl: 'https://pay.test',
    launch: { checkoutUrl: CHECKOUT, sessionId: 'cs_1' },
    ...overrides,
  });

const codeOf = (error: unknown) => (CoinslotError.isInstance(error) ? error.code : error);

describe('popup checkout', () => {
  it('shows the checkout in the window core opened and believes only that popup, from the checkout origin, about this bill', async () => {
    const preOpened = browser.window.open('about:blank', 'coinslot-example-hosted')!;
    const outcome = createExampleHostedChannel().pay(payContext({ window: preOpened }));
    const popup = browser.showing(CHECKOUT)!;
    expect(popup).toBe(preOpened);
    browser.post({}, message('cancelled'), ORIGIN);
    browser.post(popup, message('cancelled'), 'https://evil.test');
    browser.post(popup, message('cancelled', 'b_2'), ORIGIN);
    browser.post(popup, { ...message('approved'), source: 'someone-else' }, ORIGIN);
    browser.post(popup, message('approved'), ORIGIN);
    await expect(outcome).resolves.toEqual({ kind: 'launched' });
    expect(popup.closed).toBe(true);
  });

  it('ends cancelled when the page says so, or when the player closes the popup', async () => {
    const adapter = createExampleHostedChannel();
    const cancelled = adapter.pay(payContext());
    browser.post(browser.showing(CHECKOUT), message('cancelled'), ORIGIN);
    await expect(cancelled).resolves.toEqual({ kind: 'cancelled', reason: 'cancelled' });
    const closed = adapter.pay(payContext());
    browser.showing(CHECKOUT)!.close();
    await expect(closed).resolves.toEqual({ kind: 'cancelled', reason: 'closed' });
  });

  it('adds the locale from its options to the page URL', async () => {
    const adapter = createExampleHostedChannel();
    await adapter.init?.(
      { platform: 'web', serverUrl: 'https://pay.test', logger: payContext().logger },
      { locale: 'pt-BR' },
    );
    const outcome = adapter.pay(payContext());
    const popup = browser.showing(CHECKOUT)!;
    expect(new URL(popup.url).searchParams.get('locale')).toBe('pt-BR');
    browser.post(popup, message('declined'), ORIGIN);
    await expect(outcome).resolves.toEqual({ kind: 'launched' });
  });

  it('fails USER_ACTIVATION_REQUIRED (core keeps the bill for the next tap) when the popup is blocked', async () => {
    browser.blockPopups = true;
    const error = await createExampleHostedChannel()
      .pay(payContext({ window: null }))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'USER_ACTIVATION_REQUIRED', safeToShow: true, retryable: true });
  });

  it('stops at once when aborted or disposed: popup closed, rejected with the reason', async () => {
    const adapter = createExampleHostedChannel();
    const controller = new AbortController();
    const aborted = adapter.pay(payContext({ signal: controller.signal }));
    controller.abort(new DOMException('gone', 'AbortError'));
    await expect(aborted).rejects.toMatchObject({ name: 'AbortError' });
    const disposed = adapter.pay(payContext());
    const popup = browser.showing(CHECKOUT)!;
    await adapter.dispose?.();
    expect(codeOf(await disposed.catch((e: unknown) => e))).toBe('DISPOSED');
    expect(popup.closed).toBe(true);
    expect(browser.popups.every((p) => p.closed)).toBe(true);
  });
});

describe('redirect checkout', () => {
  it('closes the pre-opened popup, sends the page to the checkout with a return URL, and resolves launched', async () => {
    const preOpened = browser.window.open('about:blank', 'coinslot-example-hosted')!;
    const outcome = await createExampleHostedChannel().pay(payContext({ presentation: 'redirect', window: preOpened }));
    expect(outcome).toEqual({ kind: 'launched' });
    expect(preOpened.closed).toBe(true);
    const target = new URL(browser.navigations[0]!);
    expect(target.origin + target.pathname).toBe(CHECKOUT);
    expect(target.searchParams.get('return_url')).toBe('https://game.test/shop?level=3');
  });

  it('reads the bill the provider sent the player back with', () => {
    const back = new URL('https://game.test/shop');
    back.searchParams.set('exampleHostedResult', JSON.stringify(message('approved')));
    expect(readExampleHostedReturn(back)).toEqual(message('approved'));
    expect(readExampleHostedReturn('https://game.test/shop')).toBeUndefined();
    expect(readExampleHostedReturn('https://game.test/shop?exampleHostedResult=%7Bbroken')).toBeUndefined();
  });
});

describe('environment, options and launch payload', () => {
  const env = { serverUrl: 'https://pay.test', logger: payContext().logger };

  it('is available only in a browser window on the web or in an Electron renderer', () => {
    const adapter = createExampleHostedChannel();
    expect(adapter.isAvailable({ ...env, platform: 'web' })).toBe(true);
    expect(adapter.isAvailable({ ...env, platform: 'electron-main' })).toBe(false);
    browser.uninstall();
    expect(adapter.isAvailable({ ...env, platform: 'web' })).toBe(false);
  });

  it.each([
    [{ presentaton: 'popup' }],
    [{ locale: 'not a locale' }],
    [{ returnUrl: 'javascript:alert(1)' }],
    [{ presentation: 'embedded' }],
  ])('refuses the options %j with INVALID_OPTIONS (core then skips the channel as unsupported)', async (options) => {
    const error = await Promise.resolve()
      .then(() => createExampleHostedChannel().init?.({ ...env, platform: 'web' }, options as never))
      .catch((e: unknown) => e);
    expect(codeOf(error)).toBe('INVALID_OPTIONS');
  });

  it.each([[{}], [{ checkoutUrl: 'javascript:alert(1)', sessionId: 'cs_1' }], [{ checkoutUrl: CHECKOUT }]])(
    'refuses the launch payload %j with CHANNEL_LAUNCH_FAILED',
    async (launch) => {
      expect(
        codeOf(
          await createExampleHostedChannel()
            .pay(payContext({ launch }))
            .catch((e: unknown) => e),
        ),
      ).toBe('CHANNEL_LAUNCH_FAILED');
    },
  );
});
