import type { Bill, CreateBillResponse, LaunchPayload } from '@coinslot/protocol';
import type { CheckoutWindow } from '../contract/checkout-window.js';
import type { PaymentInterface, Presentation } from '../contract/payment-interface.js';
import { finishBill, noteUnfinished } from '../deliver/finish-bill.js';
import { CoinslotError } from '../errors/coinslot-error.js';
import type { PurchaseResult } from '../results/purchase-result.js';
import { holdWait } from '../wait/held-wait.js';
import { channelSignal } from './channel-signal.js';
import { releaseCheckout, type OpenCheckout } from './checkout-slot.js';
import { cancelBestEffort, launchChannel } from './launch-channel.js';
import { closePopup } from './open-popup.js';
import type { PurchaseContext } from './purchase-context.js';
import { activationRequired } from './user-activation.js';

/** A purchase's channel and bill: what creating, launching and following it needs, also after a pause. */
export interface CreatedPurchase {
  adapter: PaymentInterface<unknown>;
  presentation: Presentation;
  /** The bill and its launch payload, once created (a paused purchase has them). */
  bill?: Bill;
  launch?: LaunchPayload;
  /** Where the bill comes from while it is not created yet: created now (`purchase()`) or handed over. */
  create?: (signal: AbortSignal) => Promise<CreateBillResponse>;
  /** The caller's signal and deadline, from `purchase()` or `purchaseBill()`; the deadline counts from the launch. */
  signal?: AbortSignal | undefined;
  deadlineMs?: number | undefined;
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

/**
 * Get the bill (when not yet: create it and journal it with its token before anything launches), then launch its
 * channel (in `popup`, the window opened inside the click; `null`: the browser gave none), then
 * hold the wait and finish. A checkout the browser would not open pauses instead: the bill stays created and
 * journalled, kept for `continuePurchase(billId)`, and this rejects `USER_ACTIVATION_REQUIRED` naming it.
 * The caller closes `popup` when this rejects.
 */
export async function followBill(
  ctx: PurchaseContext,
  purchase: CreatedPurchase,
  popup: CheckoutWindow | null | undefined,
  checkout: OpenCheckout | undefined,
): Promise<PurchaseResult> {
  const { adapter } = purchase;
  const operation = ctx.operations.start(purchase.signal);
  const deadline = Date.now() + (purchase.deadlineMs ?? ctx.defaultDeadlineMs);
  const channel = channelSignal(operation.signal, deadline);
  let { bill } = purchase;
  try {
    if (!bill) {
      const answer = await purchase.create!(operation.signal);
      bill = answer.bill;
      purchase = { ...purchase, bill, launch: answer.launch };
      if (checkout) checkout.billId = bill.id;
      ctx.activeBills.add(bill.id);
      await recordCreated(ctx, bill, answer.billToken, operation.signal);
      // A handed-over bill no longer open (paid on another device, cancelled…) is only waited for, like resume().
      if (bill.state === 'created') ctx.emitter.emit('bill-created', { bill });
    }
    if (bill.state === 'created') {
      if (popup === null) throw activationRequired();
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
          launch: purchase.launch!,
          signal: channel.signal,
          presentation: purchase.presentation,
          options,
          ...(popup === undefined ? {} : { window: popup }),
        },
      });
    } else closePopup(popup);
    releaseCheckout(ctx, checkout);
    await ctx.journal.note(bill, { state: 'waiting' });
    const outcome = await holdWait(ctx, bill.id, deadline, operation.signal);
    return await finishBill(ctx, bill, outcome, operation.signal, deadline);
  } catch (error) {
    if (!bill) throw error;
    if (CoinslotError.isInstance(error) && error.code === 'USER_ACTIVATION_REQUIRED') {
      ctx.paused.set(bill.id, purchase);
      throw activationRequired(bill.id);
    }
    await noteUnfinished(ctx.journal, bill.id, bill, error);
    throw error;
  } finally {
    releaseCheckout(ctx, checkout);
    // A paused bill stays this instance's: recovery leaves it alone until it is continued.
    if (bill && !ctx.paused.has(bill.id)) ctx.activeBills.delete(bill.id);
    channel.end();
    operation.release();
  }
}
