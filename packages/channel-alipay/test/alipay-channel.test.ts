import { type Bill, CoinslotError, type PayContext } from '@coinslot/core';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type AlipayOptions, createAlipayChannel, readAlipayReturn } from '../src/index.js';
import { type FakeBrowser, installFakeBrowser } from '@coinslot/testing/browser-fakes';
import { fakeQrView } from './fake-qr-view.js';

// The adapter alone in the fake browser, against a stand-in status page on loopback: what it shows, which messages
// it believes, and how each checkout ends.
let statusServer: Server;
let state = 'created';
let STATUS = '';
let ORIGIN = '';
const PAGE = 'https://openapi.alipay.test/gateway.do?method=alipay.trade.page.pay&sign=abc';

beforeAll(async () => {
  statusServer = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ state }));
  });
  await new Promise<void>((resolve) => statusServer.listen(0, '127.0.0.1', resolve));
  ORIGIN = `http://127.0.0.1:${(statusServer.address() as AddressInfo).port}`;
  STATUS = `${ORIGIN}/v1/alipay/status/b_1?token=t`;
});
afterAll(() => new Promise((resolve) => statusServer.close(resolve)));

let browser: FakeBrowser;
beforeEach(() => {
  state = 'created';
  browser = installFakeBrowser();
});
afterEach(() => browser.uninstall());

const pageLaunch = () => ({ flow: 'page', pageUrl: PAGE, outTradeNo: 'b_1', statusUrl: STATUS });
const qrLaunch = () => ({
  flow: 'precreate',
  qrCode: 'https://qr.alipay.test/bax01',
  outTradeNo: 'b_1',
  statusUrl: STATUS,
});
const message = (billId = 'b_1') => ({ source: 'coinslot-alipay', billId });

function payContext(overrides: Partial<PayContext<AlipayOptions>> = {}): PayContext<AlipayOptions> {
  return {
    platform: 'web',
    serverUrl: ORIGIN,
    logger: { debug() {}, warn() {}, error() {} },
    bill: { id: 'b_1', amount: 1234, currency: 'CNY', expiresAt: Date.now() + 60_000 } as Bill,
    launch: pageLaunch(),
    signal: new AbortController().signal,
    presentation: 'popup',
    options: { statusPollMs: 100 },
    ...overrides,
  };
}

const codeOf = (error: unknown) => (CoinslotError.isInstance(error) ? error.code : error);

describe('page pay in a popup', () => {
  it("opens the cashier in core's window and believes only the return page's message: that popup, the pay server's origin, this bill", async () => {
    const preOpened = browser.window.open('about:blank', 'coinslot-alipay')!;
    const outcome = createAlipayChannel().pay(payContext({ window: preOpened }));
    const popup = browser.showing(PAGE)!;
    expect(popup).toBe(preOpened);
    browser.post({}, message(), ORIGIN);
    browser.post(popup, message(), 'https://evil.test');
    browser.post(popup, message('b_2'), ORIGIN);
    browser.post(popup, { ...message(), source: 'someone-else' }, ORIGIN);
    expect(popup.closed).toBe(false);
    browser.post(popup, message(), ORIGIN);
    await expect(outcome).resolves.toEqual({ kind: 'launched' });
    expect(popup.closed).toBe(true);
  });

  it('ends launched and closes the popup once the pay server says the bill settled (paid on the phone)', async () => {
    const outcome = createAlipayChannel().pay(payContext());
    const popup = browser.showing(PAGE)!;
    state = 'paid';
    await expect(outcome).resolves.toEqual({ kind: 'launched' });
    expect(popup.closed).toBe(true);
  });

  it('ends cancelled when the player closes the popup', async () => {
    const outcome = createAlipayChannel().pay(payContext());
    browser.showing(PAGE)!.close();
    await expect(outcome).resolves.toEqual({ kind: 'cancelled', reason: 'closed' });
  });

  it('fails USER_ACTIVATION_REQUIRED, fit for the player (core keeps the bill for the next tap), when the popup is blocked', async () => {
    browser.blockPopups = true;
    const error = await createAlipayChannel()
      .pay(payContext({ window: null }))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'USER_ACTIVATION_REQUIRED', safeToShow: true, retryable: true });
  });

  it('stops at once when aborted or disposed: popup closed, rejected with the reason', async () => {
    const adapter = createAlipayChannel();
    const controller = new AbortController();
    const aborted = adapter.pay(payContext({ signal: controller.signal }));
    controller.abort(new DOMException('gone', 'AbortError'));
    await expect(aborted).rejects.toMatchObject({ name: 'AbortError' });
    const disposed = adapter.pay(payContext());
    await adapter.dispose?.();
    expect(codeOf(await disposed.catch((e: unknown) => e))).toBe('DISPOSED');
    expect(browser.popups.every((popup) => popup.closed)).toBe(true);
  });
});

describe('page pay by redirect', () => {
  it("closes core's window, sends the page to the cashier and resolves launched", async () => {
    const preOpened = browser.window.open('about:blank', 'coinslot-alipay')!;
    const outcome = await createAlipayChannel().pay(payContext({ presentation: 'redirect', window: preOpened }));
    expect(outcome).toEqual({ kind: 'launched' });
    expect(preOpened.closed).toBe(true);
    expect(browser.navigations).toEqual([PAGE]);
  });

  it('reads the bill the return page sent the player back with', () => {
    expect(readAlipayReturn('https://game.test/shop?alipayReturn=b_1')).toBe('b_1');
    expect(readAlipayReturn('https://game.test/shop')).toBeUndefined();
    expect(readAlipayReturn('https://game.test/shop?alipayReturn=%3Cscript%3E')).toBeUndefined();
  });
});

describe('precreate QR', () => {
  it('shows the qr_code with the amount, currency and deadline; ends launched when the bill settles, cancelled when closed', async () => {
    const qr = fakeQrView();
    const adapter = createAlipayChannel({ qrView: qr.view });
    // One context: its bill's expiresAt is the one the view must show (two contexts may differ by a millisecond).
    const context = payContext({
      launch: qrLaunch(),
      presentation: 'embedded',
      options: { statusPollMs: 100, qrTitle: 'Scan' },
    });
    const { bill } = context;
    const paid = adapter.pay(context);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(qr.shown[0]?.input).toMatchObject({
      text: 'https://qr.alipay.test/bax01',
      amount: 1234,
      currency: 'CNY',
      expiresAt: bill.expiresAt,
      title: 'Scan',
    });
    state = 'paid';
    await expect(paid).resolves.toEqual({ kind: 'launched' });
    expect(qr.shown[0]?.open).toBe(false);
    state = 'created';
    const closed = adapter.pay(payContext({ launch: qrLaunch(), presentation: 'embedded' }));
    await new Promise((resolve) => setTimeout(resolve, 10));
    qr.showing('https://qr.alipay.test/bax01')!.close();
    await expect(closed).resolves.toEqual({ kind: 'cancelled', reason: 'closed' });
  });

  it("draws with @coinslot/qr's showQrCheckout by default (here in Node it refuses: no document)", async () => {
    const error = await createAlipayChannel()
      .pay(payContext({ launch: qrLaunch(), presentation: 'embedded' }))
      .catch((e: unknown) => e);
    expect(String(error)).toMatch(/showQrCheckout needs a document/);
  });

  it('shows the QR code whatever presentation was asked, closing the popup core opened', async () => {
    const qr = fakeQrView();
    const preOpened = browser.window.open('about:blank', 'coinslot-alipay')!;
    const outcome = createAlipayChannel({ qrView: qr.view }).pay(payContext({ launch: qrLaunch(), window: preOpened }));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(preOpened.closed).toBe(true);
    qr.shown[0]!.expire();
    await expect(outcome).resolves.toEqual({ kind: 'launched' });
  });
});

describe('environment, options and launch payload', () => {
  const env = { serverUrl: 'https://pay.test', logger: payContext().logger };

  it('is available only with a browser window, on the web or in an Electron renderer', () => {
    const adapter = createAlipayChannel();
    expect(adapter.isAvailable({ ...env, platform: 'web' })).toBe(true);
    expect(adapter.isAvailable({ ...env, platform: 'electron-renderer' })).toBe(true);
    expect(adapter.isAvailable({ ...env, platform: 'node' })).toBe(false);
    browser.uninstall();
    expect(adapter.isAvailable({ ...env, platform: 'web' })).toBe(false);
  });

  it.each([[{ presentaton: 'popup' }], [{ presentation: 'native' }], [{ statusPollMs: 5 }], [{ qrTitle: 42 }]])(
    'refuses the options %j with INVALID_OPTIONS',
    async (options) => {
      const error = await Promise.resolve()
        .then(() => createAlipayChannel().init?.({ ...env, platform: 'web' }, options as never))
        .catch((e: unknown) => e);
      expect(codeOf(error)).toBe('INVALID_OPTIONS');
    },
  );

  it.each([
    [{}],
    [{ ...pageLaunch(), pageUrl: 'javascript:alert(1)' }],
    [{ ...pageLaunch(), statusUrl: undefined }],
    [{ ...qrLaunch(), qrCode: '' }],
    [{ ...pageLaunch(), flow: 'app' }],
  ])('refuses the launch payload %j with CHANNEL_LAUNCH_FAILED', async (launch) => {
    const error = await createAlipayChannel()
      .pay(payContext({ launch: launch as never }))
      .catch((e: unknown) => e);
    expect(codeOf(error)).toBe('CHANNEL_LAUNCH_FAILED');
  });

  it('refuses an embedded checkout of a page-pay bill (the driver sells by page pay), closing the window', async () => {
    const preOpened = browser.window.open('about:blank', 'coinslot-alipay')!;
    const error = await createAlipayChannel()
      .pay(payContext({ presentation: 'embedded', window: preOpened }))
      .catch((e: unknown) => e);
    expect(codeOf(error)).toBe('CHANNEL_LAUNCH_FAILED');
    expect(preOpened.closed).toBe(true);
  });
});
