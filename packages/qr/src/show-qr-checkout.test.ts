import { describe, expect, it } from 'vitest';
import { showQrCheckout } from './show-qr-checkout.js';

describe('showQrCheckout outside a page', () => {
  it('rejects, saying it needs a document, when there is none (Node, an Electron main process)', async () => {
    await expect(
      showQrCheckout({
        text: 'weixin://wxpay/bizpayurl?pr=abc',
        amount: 100,
        currency: 'CNY',
        expiresAt: Date.now() + 60_000,
        signal: new AbortController().signal,
      }),
    ).rejects.toThrow(/needs a document: run it in a page or pass `document`/);
  });
});
