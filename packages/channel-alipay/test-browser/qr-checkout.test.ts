import type { Bill, PayContext } from '@coinslot/core';
import { afterEach, describe, expect, it } from 'vitest';
import { type AlipayOptions, createAlipayChannel } from '../src/index.js';

// The adapter with its default QR view, @coinslot/qr's showQrCheckout, in a real Chromium page (precreate): the
// player sees Alipay's qr_code, the amount and the time left; closing it cancels; the bill leaving `created` takes
// it down. The driver's status page is answered by a fetch stand-in here (the page itself is tested against a real
// pay server in test/).
const QR_CODE = 'https://qr.alipay.com/bax03431ljhokirwl38f00a7';
const STATUS_URL = 'https://pay.test/v1/alipay/status/b_browser_alipay?token=t';
const realFetch = globalThis.fetch;
let state = 'created';

globalThis.fetch = async (input, init) => {
  if (String(input) !== STATUS_URL) return realFetch(input, init);
  return new Response(JSON.stringify({ state }), { headers: { 'content-type': 'application/json' } });
};
afterEach(() => {
  state = 'created';
  // A test that failed half-way leaves its dialog open; the next test must not find it.
  for (const left of document.querySelectorAll('dialog.coinslot-qr')) left.remove();
});

function payContext(): PayContext<AlipayOptions> {
  return {
    platform: 'web',
    serverUrl: 'https://pay.test',
    logger: { debug() {}, warn() {}, error() {} },
    bill: { id: 'b_browser_alipay', amount: 1234, currency: 'CNY', expiresAt: Date.now() + 15 * 60_000 } as Bill,
    launch: { flow: 'precreate', qrCode: QR_CODE, outTradeNo: 'b_browser_alipay', statusUrl: STATUS_URL },
    signal: new AbortController().signal,
    presentation: 'embedded',
    options: { statusPollMs: 200 },
  };
}

const dialog = () => document.querySelector<HTMLDialogElement>('dialog.coinslot-qr');

describe('the Alipay precreate QR code in a page', () => {
  it('shows "Scan with Alipay", ¥12.34, the time left and the code; the player closing it cancels', async () => {
    const outcome = createAlipayChannel().pay(payContext());
    await expect.poll(() => dialog()?.open).toBe(true);
    const text = dialog()!.textContent ?? '';
    expect(text).toContain('Scan with Alipay');
    expect(text).toMatch(/12\.34/);
    expect(text).toMatch(/1[45]:\d\d/);
    expect(dialog()!.querySelector('svg path')).not.toBeNull();
    dialog()!.querySelector<HTMLButtonElement>('button')!.click();
    await expect(outcome).resolves.toEqual({ kind: 'cancelled', reason: 'closed' });
    expect(dialog()).toBeNull();
  });

  it('takes the code down and hands over to core once the pay server says the bill settled', async () => {
    const outcome = createAlipayChannel().pay(payContext());
    await expect.poll(() => dialog()?.open).toBe(true);
    state = 'paid';
    await expect(outcome).resolves.toEqual({ kind: 'launched' });
    expect(dialog()).toBeNull();
  });
});
