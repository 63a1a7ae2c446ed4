import { runChannelConformance } from '@coinslot/testing/conformance';
import { afterAll, describe, expect, it } from 'vitest';
import { createAlipayChannel } from '../src/index.js';
import { alipayPlayer } from './alipay-player.js';
import { type AlipayStack, startAlipayStack } from './alipay-stack.js';
import { installFakeBrowser } from '@coinslot/testing/browser-fakes';
import { fakeQrView } from './fake-qr-view.js';

// The same suite with the driver selling by precreate: the launch carries Alipay's qr_code, the adapter shows it
// (in Node, through a stand-in for @coinslot/qr's view — no DOM here) and polls the driver's status page; the
// player scans and pays at the emulator.
const browser = installFakeBrowser();
const qr = fakeQrView();
afterAll(() => browser.uninstall());

let stack: AlipayStack | undefined;
const player = alipayPlayer(() => stack!, browser, qr);

runChannelConformance({
  name: 'alipay precreate QR on a real pay server and the Alipay emulator',
  channel: () => createAlipayChannel({ qrView: qr.view }),
  environment: { platform: 'web', presentations: ['embedded'] },
  server: { start: async () => (stack = await startAlipayStack('precreate')) },
  channelOptions: () => ({ presentation: 'embedded', statusPollMs: 100 }),
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

describe('the QR codes those purchases showed', () => {
  it('showed the qr_code Alipay answered precreate with, the bill amount in CNY and its deadline, and took each down', () => {
    expect(qr.shown.length).toBeGreaterThanOrEqual(5);
    for (const shown of qr.shown) {
      expect(shown.input.text).toMatch(new RegExp(`^${stack!.emulator.url}/qr/\\d{28}$`));
      expect(shown.input).toMatchObject({ amount: 100, currency: 'CNY' });
      expect(shown.open).toBe(false);
    }
  });
});
