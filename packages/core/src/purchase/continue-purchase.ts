import { CoinslotError } from '../errors/coinslot-error.js';
import { abortError } from '../internal/abort.js';
import type { PurchaseResult } from '../results/purchase-result.js';
import { claimCheckout } from './checkout-slot.js';
import { followBill } from './follow-bill.js';
import { closePopup, openPopup } from './open-popup.js';
import type { PurchaseContext } from './purchase-context.js';
import { activationRequired } from './user-activation.js';

/**
 * `continuePurchase()`: go on with a purchase that paused for `USER_ACTIVATION_REQUIRED`, from inside the player's
 * next tap — open the checkout window now, before any await, then launch, wait and finish as the purchase would have.
 * Still no activation: rejects `USER_ACTIVATION_REQUIRED` again, and the bill stays kept.
 */
export function continuePurchase(ctx: PurchaseContext, billId: string): Promise<PurchaseResult> {
  if (ctx.operations.disposed.aborted) return Promise.reject(abortError(ctx.operations.disposed));
  const paused = ctx.paused.get(billId);
  if (paused === undefined)
    return Promise.reject(new CoinslotError('INVALID_REQUEST', `No purchase waits to continue bill ${billId}.`));
  let popup: ReturnType<typeof openPopup>;
  let checkout: ReturnType<typeof claimCheckout>;
  try {
    checkout = claimCheckout(ctx, paused.adapter.id);
    checkout.billId = billId;
    popup = openPopup(paused.adapter.id, ctx.platform);
  } catch (error) {
    return Promise.reject(error);
  }
  if (popup === null) {
    ctx.checkout = undefined;
    return Promise.reject(activationRequired(billId));
  }
  ctx.paused.delete(billId);
  return followBill(ctx, paused, popup, checkout).catch((error: unknown) => {
    closePopup(popup);
    throw error;
  });
}
