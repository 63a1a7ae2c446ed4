import type { PayOutcome } from '@coinslot/core';
import { anySignal } from '@coinslot/core/channel-kit';
import type { QrView } from './qr-view.js';
import { watchBill } from './watch-bill.js';

/** One precreate checkout: the QR code to show and how to learn that it was paid. */
export interface QrCheckout {
  qrCode: string;
  amount: number;
  currency: string;
  expiresAt: number;
  title: string | undefined;
  statusUrl: string;
  statusPollMs: number;
  signal: AbortSignal;
  view: QrView;
}

/**
 * Shows the precreate QR code in the game's page until the player pays with the Alipay app on their phone (the pay
 * server then says the bill settled → `launched`, and core reads the signed result), closes the view (→ `cancelled`)
 * or the countdown ends (→ `launched`: the pay server expires the bill, and the wait reads it so). Aborting
 * `signal` takes the view down and rejects with its reason.
 */
export async function payWithQr(checkout: QrCheckout): Promise<PayOutcome> {
  const { signal } = checkout;
  signal.throwIfAborted();
  const done = new AbortController();
  const viewSignal = anySignal([signal, done.signal]);
  void watchBill(checkout.statusUrl, checkout.statusPollMs, viewSignal).then(() => done.abort());
  try {
    const ended = await checkout.view({
      text: checkout.qrCode,
      amount: checkout.amount,
      currency: checkout.currency,
      expiresAt: checkout.expiresAt,
      title: checkout.title ?? 'Scan with Alipay',
      signal: viewSignal,
    });
    signal.throwIfAborted();
    return ended === 'closed' ? { kind: 'cancelled', reason: 'closed' } : { kind: 'launched' };
  } finally {
    done.abort();
  }
}
