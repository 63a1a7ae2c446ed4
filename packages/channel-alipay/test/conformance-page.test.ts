import { runChannelConformance } from '@coinslot/testing/conformance';
import { afterAll, describe, expect, it } from 'vitest';
import { createAlipayChannel } from '../src/index.js';
import { alipayPlayer } from './alipay-player.js';
import { type AlipayStack, startAlipayStack } from './alipay-stack.js';
import { installFakeBrowser } from '@coinslot/testing/browser-fakes';
import { fakeQrView } from './fake-qr-view.js';

// The adapter through the real core, against a REAL @coinslot/server whose only driver is the Alipay driver, which
// talks to the Alipay emulator with the official alipay-sdk: page pay, in a popup and by redirect. Every purchase
// opens a trade at the emulator; the player pays there; the emulator's RSA2-signed notification reaches
// /v1/notify/alipay; core reads the pay server's signed result.
const browser = installFakeBrowser();
const qr = fakeQrView();
afterAll(() => browser.uninstall());

let stack: AlipayStack | undefined;
const player = alipayPlayer(() => stack!, browser, qr);

runChannelConformance({
  name: 'alipay page pay on a real pay server and the Alipay emulator',
  channel: () => createAlipayChannel({ qrView: qr.view }),
  environment: {
    platform: 'web',
    window: () => browser.window.open('about:blank'),
    presentations: ['popup', 'redirect'],
  },
  server: { start: async () => (stack = await startAlipayStack('page')) },
  channelOptions: () => ({ statusPollMs: 100 }),
  purchase: { currency: 'CNY' },
  drive: {
    approve: (ctx) => player.pays(ctx),
    cancel: (ctx) => player.looksThenLeaves(ctx),
  },
  skip: {
    decline:
      'Alipay has no declined outcome: a refused payment leaves the trade WAIT_BUYER_PAY and notifies nothing (test/e2e-decline.test.ts: the bill stays created, query says pending, leaving cancels it)',
  },
});

describe('the Alipay side of those purchases', () => {
  it('settled every paid bill through an RSA2-signed notification the driver acknowledged with "success"', () => {
    const sent = stack!.emulator.notifications;
    expect(sent.length).toBeGreaterThanOrEqual(4);
    expect(sent.filter((notification) => !notification.acknowledged)).toEqual([]);
    expect(new Set(sent.map((notification) => notification.attempts[0]?.answer))).toEqual(new Set(['success']));
  });
});
