import type { Bill, LaunchPayload } from '@coinslot/protocol';
import type { CheckoutWindow } from '../contract/checkout-window.js';
import type { PaymentInterface, Presentation } from '../contract/payment-interface.js';
import { finishBill, noteUnfinished } from '../deliver/finish-bill.js';
import { CoinslotError } from '../errors/coinslot-error.js';
import type { PurchaseResult } from '../results/purchase-result.js';
import { holdWait } from '../wait/held-wait.js';
import { channelSignal } from './channel-signal.js';
import { releaseCheckout, type OpenCheckout } from './checkout-slot.js';
import { launchChannel } from './launch-channel.js';
import { closePopup } from './open-popup.js';
import type { PurchaseContext } from './purchase-context.js';
import { activationRequired } from './user-activation.js';

/** A bill created and journalled for a purchase: what launching and following it needs, also after a pause. */
export interface CreatedPurchase {
  adapter: PaymentInterface<unknown>;
  bill: Bill;
  launch: LaunchPayload;
  presentation: Presentation;
  /** The caller's signal and deadline, from `purchase()` or `purchaseBill()`; the deadline counts from the launch. */
  signal?: AbortSignal | undefined;
  deadlineMs?: number | undefined;
}

/**
 * Launch the bill's channel (in `popup`, the window opened inside the click; `null`: the browser gave none), then
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
  const { adapter, bill } = purchase;
  const operation = ctx.operations.start(purchase.signal);
  const deadline = Date.now() + (purchase.deadlineMs ?? ctx.defaultDeadlineMs);
  const channel = channelSignal(operation.signal, deadline);
  try {
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
          launch: purchase.launch,
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
    if (CoinslotError.isInstance(error) && error.code === 'USER_ACTIVATION_REQUIRED') {
      ctx.paused.set(bill.id, purchase);
      throw activationRequired(bill.id);
    }
    await noteUnfinished(ctx.journal, bill.id, bill, error);
    throw error;
  } finally {
    releaseCheckout(ctx, checkout);
    // A paused bill stays this instance's: recovery leaves it alone until it is continued.
    if (!ctx.paused.has(bill.id)) ctx.activeBills.delete(bill.id);
    channel.end();
    operation.release();
  }
}
