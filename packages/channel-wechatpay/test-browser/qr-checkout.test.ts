import type { Bill, PayContext } from '@coinslot/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createWechatPayChannel, type WechatPayOptions } from '../src/index.js';

// The adapter with its default view, @coinslot/qr's showQrCheckout, in a real Chromium page: the player sees the
// order's code, the amount and the time left; closing it cancels; the bill leaving `created` takes it down. The pay
// server's status route is played by a fetch stand-in (the route itself is tested against a real pay server).
const CODE = 'weixin://wxpay/bizpayurl?pr=Br0wserT3st';
const STATUS_URL = 'https://pay.test/v1/wechatpay/bills/b_browser0001/status?token=t';
const realFetch = globalThis.fetch;
let state = 'created';

globalThis.fetch = async (input) => {
  if (String(input) !== STATUS_URL) return realFetch(input);
  return new Response(JSON.stringify({ state }), { headers: { 'content-type': 'application/json' } });
};
afterEach(() => {
  state = 'created';
  // A test that failed half-way leaves its dialog open; the next test must not find it.
  for (const left of document.querySelectorAll('dialog.coinslot-qr')) left.remove();
});

function payContext(signal = new AbortController().signal): PayContext<WechatPayOptions> {
  return {
    platform: 'web',
    serverUrl: 'https://pay.test',
    logger: { debug() {}, warn() {}, error() {} },
    bill: { id: 'b_browser0001', amount: 600, currency: 'CNY', expiresAt: Date.now() + 15 * 60_000 } as Bill,
    launch: { codeUrl: CODE, statusUrl: STATUS_URL },
    signal,
    presentation: 'embedded',
    options: { statusPollMs: 250 },
  };
}

const dialog = () => document.querySelector<HTMLDialogElement>('dialog.coinslot-qr');

describe('the WeChat Pay QR checkout in a page', () => {
  it('is available where there is a document', async () => {
    const adapter = createWechatPayChannel();
    expect(await adapter.isAvailable({ platform: 'web', serverUrl: '', logger: payContext().logger })).toBe(true);
  });

  it('shows the code with the title, the amount in yuan and the time left, and the player closing it cancels', async () => {
    const outcome = createWechatPayChannel().pay(payContext());
    await expect.poll(() => dialog()?.open).toBe(true);
    const text = dialog()!.textContent ?? '';
    expect(text).toContain('Scan with WeChat');
    expect(text).toMatch(/6\.00/);
    expect(text).toMatch(/1[45]:\d\d/);
    expect(dialog()!.querySelector('svg')).not.toBeNull();
    dialog()!.querySelector<HTMLButtonElement>('button')!.click();
    await expect(outcome).resolves.toEqual({ kind: 'cancelled', reason: 'closed' });
    expect(dialog()).toBeNull();
  });

  it('takes the code down and hands over to core once the pay server says the bill was paid', async () => {
    const outcome = createWechatPayChannel().pay(payContext());
    await expect.poll(() => dialog()?.open).toBe(true);
    state = 'paid';
    await expect(outcome).resolves.toEqual({ kind: 'launched' });
    expect(dialog()).toBeNull();
  });

  it('takes the code down when the game aborts', async () => {
    const controller = new AbortController();
    const outcome = createWechatPayChannel().pay(payContext(controller.signal));
    await expect.poll(() => dialog()?.open).toBe(true);
    controller.abort(new Error('left the shop'));
    await expect(outcome).rejects.toThrow('left the shop');
    expect(dialog()).toBeNull();
  });
});
