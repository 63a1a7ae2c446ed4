import type { Bill, CreateBillBody } from '@coinslot/protocol';
import { CoinslotError } from '../errors/coinslot-error.js';
import type { ChannelResolution } from '../factory/channel-resolution.js';
import { abortError, operationSignal } from '../internal/abort.js';
import { randomIdempotencyKey } from '../internal/random.js';
import type { CoinslotRuntime } from '../runtime.js';
import { SDK_VERSION } from '../version.js';
import { holdWait } from './held-wait.js';
import { channelSignal } from './channel-signal.js';
import { finishBill, noteUnfinished } from './finish-bill.js';
import { cancelBestEffort, launchChannel } from './launch-channel.js';
import { choosePresentation, closePopup, openPopup } from './open-popup.js';
import type { PurchaseRequest, PurchaseResult } from './purchase-types.js';
import { validatePurchaseRequest } from './validate-request.js';

function unavailable(resolution: ChannelResolution, channel: string): CoinslotError {
  const ready = [...resolution.ready.keys()];
  const skipped = resolution.skipped.find((entry) => entry.channel === channel);
  const why = skipped ? `it was skipped (${skipped.reason}: ${skipped.message})` : 'it is not configured in `channels`';
  const list = ready.length > 0 ? ready.join(', ') : 'none';
  return new CoinslotError('CHANNEL_UNAVAILABLE', `Channel "${channel}" is not available: ${why}. Ready channels: ${list}.`);
}

/**
 * Record a new bill before its channel launches, so a crash from here on leaves a record. A purchase that cannot
 * be recorded does not go on: the bill is cancelled (nothing was paid yet) and the purchase fails `JOURNAL_FAILED`.
 */
async function recordCreated(rt: CoinslotRuntime, bill: Bill, signal: AbortSignal): Promise<void> {
  try {
    await rt.journal.write(bill, { state: 'created' });
  } catch (cause) {
    await cancelBestEffort(rt, bill.id, 'journal-failed', signal);
    throw new CoinslotError('JOURNAL_FAILED', `Bill ${bill.id} could not be recorded in the bill journal, so its channel was not launched.`, { cause });
  }
}

/**
 * `purchase()`: validate, open a popup inside the click when needed (before any await), then run the flow.
 * Every failure closes that popup.
 */
export function startPurchase(rt: CoinslotRuntime, request: PurchaseRequest): Promise<PurchaseResult> {
  const invalid = validatePurchaseRequest(request);
  if (invalid) return Promise.reject(invalid);
  if (rt.disposeSignal.aborted) return Promise.reject(abortError(rt.disposeSignal));
  if (request.signal?.aborted) return Promise.reject(new CoinslotError('ABORTED', 'The purchase was aborted before it started.', { cause: request.signal.reason }));
  const known = rt.resolved()?.ready.get(request.channel);
  const popup = known && openPopup(known, choosePresentation(known, rt.channelOptions[known.id]), rt.platform);
  return runPurchase(rt, request, popup).catch((error: unknown) => {
    closePopup(popup);
    throw error;
  });
}

async function runPurchase(rt: CoinslotRuntime, request: PurchaseRequest, popup: Window | null | undefined): Promise<PurchaseResult> {
  const resolution = await rt.ready();
  const adapter = resolution.ready.get(request.channel);
  if (adapter === undefined) throw unavailable(resolution, request.channel);
  if (popup === undefined && adapter.capabilities.needsUserGesture) {
    rt.logger.debug('Call ready() before purchase() so a popup can open inside the player\'s click.');
  }
  const operation = operationSignal(request.signal, rt.disposeSignal);
  const deadline = Date.now() + (request.deadlineMs ?? rt.defaultDeadlineMs);
  const channel = channelSignal(operation.signal, deadline);
  let created: Bill | undefined;
  try {
    const { bill, launch } = await rt.client.createBill(billBody(rt, request), randomIdempotencyKey(), operation.signal);
    created = bill;
    rt.activeBills.add(bill.id);
    await recordCreated(rt, bill, operation.signal);
    rt.emitter.emit('bill-created', { bill });
    const options = rt.channelOptions[adapter.id];
    await launchChannel(rt, {
      adapter,
      signal: operation.signal,
      deadlinePassed: channel.deadlinePassed,
      ctx: {
        platform: rt.platform,
        serverUrl: rt.serverUrl,
        logger: rt.channelLogger(adapter.id),
        bill,
        launch,
        signal: channel.signal,
        presentation: choosePresentation(adapter, options),
        options,
        ...(popup === undefined ? {} : { window: popup }),
      },
    });
    await rt.journal.note(bill, { state: 'waiting' });
    const outcome = await holdWait(rt, bill.id, deadline, operation.signal);
    return await finishBill(rt, bill, outcome, operation.signal);
  } catch (error) {
    if (created) await noteUnfinished(rt, created.id, created, error);
    throw error;
  } finally {
    if (created) rt.activeBills.delete(created.id);
    channel.end();
    operation.release();
  }
}

// Members left undefined are not sent: the JSON body omits them.
function billBody(rt: CoinslotRuntime, { userId, itemId, quantity = 1, amount, currency, channel, passThrough, extra }: PurchaseRequest): CreateBillBody {
  return { userId, itemId, quantity, amount, currency, channel, passThrough, extra, os: rt.os, appVersion: rt.appVersion, sdkVersion: SDK_VERSION };
}
