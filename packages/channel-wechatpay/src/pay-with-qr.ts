import { CoinslotError, type Bill, type PayOutcome } from '@coinslot/core';
import { anySignal } from '@coinslot/core/channel-kit';
import type { ShowQr } from './qr-view.js';
import { watchBillStatus } from './watch-bill-status.js';
import type { WechatPayLaunch } from './wechatpay-launch.js';

/** One QR checkout. */
export interface QrCheckout {
  bill: Readonly<Bill>;
  launch: WechatPayLaunch;
  show: ShowQr;
  title: string;
  pollMs: number;
  /** Stops the checkout: takes the code down and rejects with the signal's reason. */
  signal: AbortSignal;
}

type Ended = { by: 'view'; outcome: 'closed' | 'expired' | 'aborted' } | { by: 'status' };

function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The WeChat Pay checkout was aborted', 'AbortError');
}

/**
 * Show the order's QR code until the bill leaves `created` or the player closes the code:
 * - the status route says the bill moved on (WeChat Pay notified the pay server) → `launched`: the code goes, and
 *   core reads the signed result;
 * - the player closed the code → `cancelled`: core asks the pay server to cancel (refused, and the payment wins, if
 *   the player paid meanwhile);
 * - the countdown ran out → `launched`: the bill expired, which core's wait reads from the pay server.
 *
 * The adapter never decides the outcome; both signals above only end the showing of the code.
 */
export async function payWithQr(checkout: QrCheckout): Promise<PayOutcome> {
  const { bill, launch, show, title, pollMs, signal } = checkout;
  if (signal.aborted) throw abortError(signal);
  const done = new AbortController();
  const inner = anySignal([signal, done.signal]);
  const view = Promise.resolve()
    .then(() =>
      show({
        text: launch.codeUrl,
        amount: bill.amount,
        currency: bill.currency,
        expiresAt: bill.expiresAt,
        title,
        signal: inner,
      }),
    )
    .then((outcome): Ended => ({ by: 'view', outcome }));
  const status = watchBillStatus(launch.statusUrl, inner, pollMs).then((): Ended => ({ by: 'status' }));
  // The loser is settled by `done` below; its rejection is expected and must not surface as unhandled.
  view.catch(() => undefined);
  status.catch(() => undefined);
  try {
    const ended = await Promise.race([view, status]);
    if (signal.aborted) throw abortError(signal);
    if (ended.by === 'view' && ended.outcome === 'closed') return { kind: 'cancelled', reason: 'closed' };
    if (ended.by === 'view' && ended.outcome === 'aborted')
      throw new CoinslotError('CHANNEL_LAUNCH_FAILED', 'The QR view ended without being closed or aborted');
    return { kind: 'launched' };
  } catch (error) {
    if (signal.aborted) throw abortError(signal);
    if (CoinslotError.isInstance(error)) throw error;
    throw new CoinslotError('CHANNEL_LAUNCH_FAILED', `The WeChat Pay QR code could not be shown: ${error}`, {
      cause: error,
    });
  } finally {
    done.abort();
    // The view takes itself down on `done`; wait for it, so nothing of it outlives pay().
    await view.catch(() => undefined);
  }
}
