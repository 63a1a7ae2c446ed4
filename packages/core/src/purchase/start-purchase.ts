import type { CreateBillBody, CreateBillResponse } from '@coinslot/protocol';
import type { ChannelResolution } from '../channels/channel-resolution.js';
import type { CheckoutWindow } from '../contract/checkout-window.js';
import { CoinslotError } from '../errors/coinslot-error.js';
import { abortError } from '../internal/abort.js';
import { randomIdempotencyKey } from '../internal/random.js';
import type { PurchaseResult } from '../results/purchase-result.js';
import { claimCheckout, releaseCheckout, type OpenCheckout } from './checkout-slot.js';
import { followBill } from './follow-bill.js';
import { choosePresentation, closePopup, openPopup, usesWindow } from './open-popup.js';
import type { BillLabels, PurchaseContext } from './purchase-context.js';
import { validatePurchaseRequest, type PurchaseRequest } from './purchase-request.js';

function unavailable(resolution: ChannelResolution, channel: string): CoinslotError {
  const ready = [...resolution.ready.keys()];
  const skipped = resolution.skipped.find((entry) => entry.channel === channel);
  const why = skipped ? `it was skipped (${skipped.reason}: ${skipped.message})` : 'it is not configured in `channels`';
  const list = ready.length > 0 ? ready.join(', ') : 'none';
  return new CoinslotError(
    'CHANNEL_UNAVAILABLE',
    `Channel "${channel}" is not available: ${why}. Ready channels: ${list}.`,
  );
}

/** What a purchase follows: the channel it launches, the caller's signal and deadline, and where its bill comes from. */
export interface PurchaseStart {
  channel: string;
  signal?: AbortSignal | undefined;
  deadlineMs?: number | undefined;
  /** The bill, its launch payload and its token: created now (`purchase()`) or handed over (`purchaseBill()`). */
  bill(signal: AbortSignal): Promise<CreateBillResponse>;
}

/** `purchase()`: validate, then create the bill and follow it. */
export function startPurchase(ctx: PurchaseContext, request: PurchaseRequest): Promise<PurchaseResult> {
  const invalid = validatePurchaseRequest(request);
  return invalid
    ? Promise.reject(invalid)
    : beginPurchase(ctx, {
        ...request,
        bill: (signal) => ctx.client.createBill(billBody(ctx.labels, request), randomIdempotencyKey(), signal),
      });
}

/**
 * The life of a purchase once its request is valid: open a popup inside the click when needed (before any await),
 * get the bill, journal it with its token, then follow it (launch, wait, finish). Every failure closes that popup.
 * A purchase that shows a window first takes the instance's checkout slot (`PURCHASE_IN_PROGRESS` while another
 * one's is open); without user activation it pauses (`USER_ACTIVATION_REQUIRED`) or, with `popupBlocked:
 * 'redirect'`, redirects when the channel can.
 */
export function beginPurchase(ctx: PurchaseContext, start: PurchaseStart): Promise<PurchaseResult> {
  if (ctx.operations.disposed.aborted) return Promise.reject(abortError(ctx.operations.disposed));
  if (start.signal?.aborted)
    return Promise.reject(
      new CoinslotError('ABORTED', 'The purchase was aborted before it started.', { cause: start.signal.reason }),
    );
  const known = ctx.channels.resolved()?.ready.get(start.channel);
  let checkout: OpenCheckout | undefined;
  let popup: CheckoutWindow | null | undefined;
  try {
    if (known && usesWindow(known, choosePresentation(known, ctx.channels.options[known.id]), ctx.platform)) {
      checkout = claimCheckout(ctx, known.id);
      popup = openPopup(known.id, ctx.platform);
    }
  } catch (error) {
    return Promise.reject(error);
  }
  return runPurchase(ctx, start, popup, checkout).catch((error: unknown) => {
    closePopup(popup);
    releaseCheckout(ctx, checkout);
    throw error;
  });
}

async function runPurchase(
  ctx: PurchaseContext,
  start: PurchaseStart,
  popup: CheckoutWindow | null | undefined,
  checkout: OpenCheckout | undefined,
): Promise<PurchaseResult> {
  const resolution = await ctx.channels.ready();
  const adapter = resolution.ready.get(start.channel);
  if (adapter === undefined) throw unavailable(resolution, start.channel);
  let presentation = choosePresentation(adapter, ctx.channels.options[adapter.id]);
  if (popup === null && ctx.popupBlocked === 'redirect' && adapter.capabilities.presentations.includes('redirect')) {
    presentation = 'redirect';
    popup = undefined;
    releaseCheckout(ctx, checkout);
  } else if (!checkout && usesWindow(adapter, presentation, ctx.platform)) {
    checkout = claimCheckout(ctx, adapter.id);
    ctx.logger.debug("Call ready() before purchase() so a popup can open inside the player's click.");
  }
  const { signal, deadlineMs } = start;
  return followBill(ctx, { adapter, presentation, signal, deadlineMs, create: start.bill }, popup, checkout);
}

// Members left undefined are not sent: the JSON body omits them.
function billBody(
  labels: BillLabels,
  { userId, itemId, quantity = 1, amount, currency, channel, passThrough, extra }: PurchaseRequest,
): CreateBillBody {
  return { userId, itemId, quantity, amount, currency, channel, passThrough, extra, ...labels };
}
