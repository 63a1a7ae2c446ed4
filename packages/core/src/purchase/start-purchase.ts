import type { Bill, CreateBillBody, CreateBillResponse } from '@coinslot/protocol';
import type { ChannelResolution } from '../channels/channel-resolution.js';
import { finishBill, noteUnfinished } from '../deliver/finish-bill.js';
import { CoinslotError } from '../errors/coinslot-error.js';
import { abortError } from '../internal/abort.js';
import { randomIdempotencyKey } from '../internal/random.js';
import type { PurchaseResult } from '../results/purchase-result.js';
import { holdWait } from '../wait/held-wait.js';
import { channelSignal } from './channel-signal.js';
import { cancelBestEffort, launchChannel } from './launch-channel.js';
import { choosePresentation, closePopup, openPopup } from './open-popup.js';
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

/**
 * Record a new bill before its channel launches, so a crash from here on leaves a record. A purchase that cannot
 * be recorded does not go on: the bill is cancelled (nothing was paid yet) and the purchase fails `JOURNAL_FAILED`.
 */
async function recordCreated(ctx: PurchaseContext, bill: Bill, billToken: string, signal: AbortSignal): Promise<void> {
  try {
    await ctx.journal.write(bill, { state: 'created', billToken });
  } catch (cause) {
    await cancelBestEffort(ctx, bill.id, 'journal-failed', signal);
    throw new CoinslotError(
      'JOURNAL_FAILED',
      `Bill ${bill.id} could not be recorded in the bill journal, so its channel was not launched.`,
      { cause },
    );
  }
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
 * get the bill, journal it with its token, launch the channel, hold the wait, finish. Every failure closes that popup.
 */
export function beginPurchase(ctx: PurchaseContext, start: PurchaseStart): Promise<PurchaseResult> {
  if (ctx.operations.disposed.aborted) return Promise.reject(abortError(ctx.operations.disposed));
  if (start.signal?.aborted)
    return Promise.reject(
      new CoinslotError('ABORTED', 'The purchase was aborted before it started.', { cause: start.signal.reason }),
    );
  const known = ctx.channels.resolved()?.ready.get(start.channel);
  const popup = known && openPopup(known, choosePresentation(known, ctx.channels.options[known.id]), ctx.platform);
  return runPurchase(ctx, start, popup).catch((error: unknown) => {
    closePopup(popup);
    throw error;
  });
}

async function runPurchase(
  ctx: PurchaseContext,
  start: PurchaseStart,
  popup: Window | null | undefined,
): Promise<PurchaseResult> {
  const resolution = await ctx.channels.ready();
  const adapter = resolution.ready.get(start.channel);
  if (adapter === undefined) throw unavailable(resolution, start.channel);
  if (popup === undefined && adapter.capabilities.needsUserGesture) {
    ctx.logger.debug("Call ready() before purchase() so a popup can open inside the player's click.");
  }
  const operation = ctx.operations.start(start.signal);
  const deadline = Date.now() + (start.deadlineMs ?? ctx.defaultDeadlineMs);
  const channel = channelSignal(operation.signal, deadline);
  let created: Bill | undefined;
  try {
    const { bill, launch, billToken } = await start.bill(operation.signal);
    created = bill;
    ctx.activeBills.add(bill.id);
    await recordCreated(ctx, bill, billToken, operation.signal);
    // A handed-over bill that is no longer open (paid on another device, cancelled…) is only waited for, like resume().
    if (bill.state === 'created') {
      ctx.emitter.emit('bill-created', { bill });
      const options = ctx.channels.options[adapter.id];
      await launchChannel(ctx, {
        adapter,
        signal: operation.signal,
        deadlinePassed: channel.deadlinePassed,
        ctx: {
          platform: ctx.platform,
          serverUrl: ctx.serverUrl,
          logger: ctx.channels.logger(adapter.id),
          bill,
          launch,
          signal: channel.signal,
          presentation: choosePresentation(adapter, options),
          options,
          ...(popup === undefined ? {} : { window: popup }),
        },
      });
    } else closePopup(popup);
    await ctx.journal.note(bill, { state: 'waiting' });
    const outcome = await holdWait(ctx, bill.id, deadline, operation.signal);
    return await finishBill(ctx, bill, outcome, operation.signal, deadline);
  } catch (error) {
    if (created) await noteUnfinished(ctx.journal, created.id, created, error);
    throw error;
  } finally {
    if (created) ctx.activeBills.delete(created.id);
    channel.end();
    operation.release();
  }
}

// Members left undefined are not sent: the JSON body omits them.
function billBody(
  labels: BillLabels,
  { userId, itemId, quantity = 1, amount, currency, channel, passThrough, extra }: PurchaseRequest,
): CreateBillBody {
  return { userId, itemId, quantity, amount, currency, channel, passThrough, extra, ...labels };
}
