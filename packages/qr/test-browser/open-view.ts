// Opens the view the way a QR channel does, and closes whatever a test left open.
import { afterEach } from 'vitest';
import { type QrCheckoutOptions, type QrCheckoutOutcome, showQrCheckout } from '../src/index.js';

export const WECHAT_LINK = 'weixin://wxpay/bizpayurl?pr=Z3ke9Qc';

export interface OpenView {
  outcome: Promise<QrCheckoutOutcome>;
  controller: AbortController;
}

const open: OpenView[] = [];

/** A WeChat Pay view of CN¥12.34 that expires in 15 minutes, unless `options` say otherwise. */
export function openView(options: Partial<QrCheckoutOptions> = {}): OpenView {
  const controller = new AbortController();
  const outcome = showQrCheckout({
    text: WECHAT_LINK,
    amount: 1234,
    currency: 'CNY',
    expiresAt: Date.now() + 15 * 60_000,
    title: 'Scan with WeChat',
    locale: 'en',
    signal: controller.signal,
    ...options,
  });
  const view = { outcome, controller };
  open.push(view);
  return view;
}

/** The view's dialog element in `doc`, if one is there. */
export const dialogIn = (doc: Document = document) => doc.querySelector<HTMLDialogElement>('dialog.coinslot-qr');

afterEach(async () => {
  for (const view of open.splice(0)) {
    view.controller.abort();
    await view.outcome.catch(() => undefined);
  }
});
