import type { Bill } from '@coinslot/core';
import { focusNamedWindow } from './checkout-window.js';
import type { DialogView } from './status-dialog.js';
import type { UiContext } from './ui-context.js';

/** A purchase the UI started and that has not ended. */
export interface OpenPurchase {
  channel: string;
  /** `opening` until the bill exists; `waiting` while its checkout is open; `qr` while the QR view shows it; then `confirming`. */
  phase: 'opening' | 'waiting' | 'qr' | 'confirming';
  controller: AbortController;
  /** The checkout window core opened, when it opened one. */
  popup?: Window;
  bill?: Bill;
  /** The player pressed Cancel. */
  cancelledByPlayer?: boolean;
  /** The pay server did not answer the UI's probe: the purchase was stopped. */
  serverDown?: boolean;
}

/** Cancel: close the checkout window (core then cancels the bill, as when the player closes it), else abort. */
export function cancelPurchase(purchase: OpenPurchase): void {
  purchase.cancelledByPlayer = true;
  if (purchase.popup && !purchase.popup.closed) purchase.popup.close();
  else purchase.controller.abort();
}

/** The dialog's view of the open purchase: a spinner while opening or confirming; Focus and Cancel while waiting. */
export function openPurchaseView(ctx: UiContext, purchase: OpenPurchase, note?: string): DialogView {
  const { messages } = ctx;
  const cancel = { label: messages.cancel, run: () => cancelPurchase(purchase), name: 'cancel' };
  if (purchase.phase === 'opening')
    return { kind: 'opening', tone: 'wait', title: messages.opening, note, actions: [cancel] };
  if (purchase.phase !== 'waiting')
    return { kind: 'confirming', tone: 'wait', title: messages.confirming, note, actions: [] };
  const focus = () => {
    const popup = purchase.popup;
    const shown = popup
      ? !popup.closed && (popup.focus(), true)
      : focusNamedWindow(ctx.win, `coinslot-${purchase.channel}`);
    if (!shown) ctx.dialog.show(openPurchaseView(ctx, purchase, messages.windowGone));
  };
  return {
    kind: 'waiting',
    tone: 'wait',
    title: messages.waitingTitle,
    text: messages.waitingText(ctx.channelName(purchase.channel)),
    note,
    actions: [{ label: messages.focus, run: focus, name: 'focus' }, cancel],
  };
}
