import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CoinslotError, type Bill, type PayContext } from '@coinslot/core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { qrPhone, type QrPhone } from '../test/qr-phone.js';
import { createWechatPayChannel, type WechatPayOptions } from './index.js';

// The adapter alone, against a stand-in of the driver's status route on loopback: what it shows, when it takes the
// code down, and how each checkout ends.
let server: Server;
let statusUrl: string;
/** What the status route answers next: a state, or an HTTP status to fail with. */
let answers: Array<string | number> = [];
let polls = 0;

beforeAll(async () => {
  server = createServer((_request, response) => {
    polls += 1;
    const next = answers.length > 1 ? answers.shift()! : (answers[0] ?? 'created');
    if (typeof next === 'number') return void response.writeHead(next).end('{}');
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ state: next }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  statusUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/wechatpay/bills/b_test0001/status?token=t`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

let phone: QrPhone;
/** Every purchase's signal: aborted after each test, so a failed test leaves no checkout polling into the next. */
let cleanup: AbortController;
beforeEach(() => {
  phone = qrPhone();
  answers = ['created'];
  polls = 0;
  cleanup = new AbortController();
});
afterEach(() => cleanup.abort());

const CODE = 'weixin://wxpay/bizpayurl?pr=abc123xyz';

function payContext(overrides: Partial<PayContext<WechatPayOptions>> = {}): PayContext<WechatPayOptions> {
  return {
    platform: 'node',
    serverUrl: 'http://127.0.0.1',
    logger: { debug() {}, warn() {}, error() {} },
    bill: { id: 'b_test0001', amount: 600, currency: 'CNY', expiresAt: Date.now() + 60_000 } as Bill,
    launch: { codeUrl: CODE, statusUrl },
    signal: cleanup.signal,
    presentation: 'embedded',
    options: { statusPollMs: 250, title: 'Scan with WeChat' },
    ...overrides,
  };
}

const shownCode = async () => {
  await expect.poll(() => phone.open().length, { interval: 5 }).toBe(1);
  return phone.open()[0]!;
};

describe('the QR checkout', () => {
  it('shows the order’s code with the bill’s amount, currency, expiry and the title, until the bill leaves created', async () => {
    const ctx = payContext();
    const outcome = createWechatPayChannel({ showQr: phone.show }).pay(ctx);
    const code = await shownCode();
    expect(code.view).toMatchObject({
      text: CODE,
      amount: 600,
      currency: 'CNY',
      expiresAt: ctx.bill.expiresAt,
      title: 'Scan with WeChat',
    });
    answers = ['paid'];
    await expect(outcome).resolves.toEqual({ kind: 'launched' });
    await expect(code.ended).resolves.toBe('aborted');
  });

  it('ends cancelled when the player closes the code, and stops polling', async () => {
    const outcome = createWechatPayChannel({ showQr: phone.show }).pay(payContext());
    (await shownCode()).close();
    await expect(outcome).resolves.toEqual({ kind: 'cancelled', reason: 'closed' });
    const after = polls;
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(polls).toBe(after);
  });

  it('hands over to core (launched) when the code’s countdown runs out: the pay server says the bill expired', async () => {
    const expiring = payContext({ bill: { ...payContext().bill, expiresAt: Date.now() + 150 } });
    await expect(createWechatPayChannel({ showQr: phone.show }).pay(expiring)).resolves.toEqual({ kind: 'launched' });
  });

  it('keeps asking through failed polls (5xx, 429) and ends when the bill was paid', async () => {
    answers = [503, 429, 'created', 'paid'];
    const outcome = createWechatPayChannel({ showQr: phone.show }).pay(payContext({ options: { statusPollMs: 250 } }));
    await expect(outcome).resolves.toEqual({ kind: 'launched' });
    expect(polls).toBe(4);
  });

  it('stops within a second when aborted or disposed: code taken down, rejected with the reason', async () => {
    const controller = new AbortController();
    const adapter = createWechatPayChannel({ showQr: phone.show });
    const aborted = adapter.pay(payContext({ signal: AbortSignal.any([controller.signal, cleanup.signal]) }));
    const code = await shownCode();
    const reason = new Error('the game gave up');
    controller.abort(reason);
    await expect(aborted).rejects.toBe(reason);
    await expect(code.ended).resolves.toBe('aborted');

    const disposed = adapter.pay(payContext());
    await shownCode();
    await adapter.dispose?.();
    await expect(disposed).rejects.toMatchObject({ code: 'DISPOSED' });
    expect(phone.open()).toEqual([]);
  });
});

describe('what the adapter refuses', () => {
  it('fails CHANNEL_LAUNCH_FAILED for a launch payload it cannot read, showing nothing', async () => {
    const adapter = createWechatPayChannel({ showQr: phone.show });
    for (const launch of [{ statusUrl }, { codeUrl: 'https://evil.test/pay', statusUrl }, { codeUrl: CODE }]) {
      await expect(adapter.pay(payContext({ launch }))).rejects.toMatchObject({ code: 'CHANNEL_LAUNCH_FAILED' });
    }
    expect(phone.shown.size).toBe(0);
  });

  it('fails CHANNEL_LAUNCH_FAILED and takes the code down when the status route does not know the bill', async () => {
    answers = [404];
    const outcome = createWechatPayChannel({ showQr: phone.show }).pay(payContext());
    await expect(outcome).rejects.toMatchObject({ code: 'CHANNEL_LAUNCH_FAILED' });
    expect(phone.open()).toEqual([]);
  });

  it('refuses wrong options with INVALID_OPTIONS', async () => {
    const adapter = createWechatPayChannel({ showQr: phone.show });
    const env = { platform: 'node' as const, serverUrl: 'http://127.0.0.1', logger: payContext().logger };
    for (const options of [
      { statusPollMs: 10 },
      { title: 5 },
      { colour: 'red' },
      'big',
    ] as unknown as WechatPayOptions[]) {
      const error = await Promise.resolve()
        .then(() => adapter.init?.(env, options))
        .catch((e: unknown) => e);
      expect(CoinslotError.isInstance(error) && error.code).toBe('INVALID_OPTIONS');
    }
  });
});

describe('where it runs', () => {
  it('with @coinslot/qr’s view: in a page or an Electron renderer, where there is a document', async () => {
    const adapter = createWechatPayChannel();
    expect(adapter.capabilities).toEqual({
      platforms: ['web', 'electron-renderer'],
      presentations: ['embedded'],
      needsUserGesture: false,
    });
    const logger = payContext().logger;
    expect(await adapter.isAvailable({ platform: 'web', serverUrl: '', logger })).toBe(false);
  });

  it('with the game’s own view: everywhere, Node and the Electron main process too', async () => {
    const adapter = createWechatPayChannel({ showQr: phone.show });
    expect(adapter.capabilities.platforms).toEqual(['web', 'electron-renderer', 'electron-main', 'node']);
    expect(await adapter.isAvailable({ platform: 'node', serverUrl: '', logger: payContext().logger })).toBe(true);
  });

  it('rejects CHANNEL_LAUNCH_FAILED when @coinslot/qr’s view has no document to show the code in', async () => {
    await expect(createWechatPayChannel().pay(payContext())).rejects.toMatchObject({ code: 'CHANNEL_LAUNCH_FAILED' });
  });
});
