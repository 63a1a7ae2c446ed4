import type { PurchaseResult } from '@coinslot/core';
import type { CheckoutMessages } from './messages.js';
import type { DialogView } from './status-dialog.js';

/** Whether the player has the item: delivered, or paid and granted by core. */
export const isDelivered = (result: PurchaseResult): boolean =>
  result.status === 'delivered' || (result.status === 'paid' && result.delivered === true);

/** The dialog's view of how a purchase ended. `ok` closes the dialog. */
export function resultView(
  result: PurchaseResult,
  item: string,
  messages: CheckoutMessages,
  ok: () => void,
): DialogView {
  const actions = [{ label: messages.ok, run: ok, name: 'ok' }];
  const view = (tone: DialogView['tone'], title: string, text: string): DialogView => ({
    kind: 'result',
    tone,
    title,
    text,
    actions,
  });
  if (isDelivered(result))
    return { ...view('good', messages.deliveredTitle, messages.deliveredText(item)), kind: 'delivered' };
  switch (result.status) {
    case 'paid':
      return { ...view('info', messages.paidTitle, messages.paidText(item)), kind: 'paid' };
    case 'declined':
      return view('bad', messages.declinedTitle, messages.declinedText);
    case 'cancelled':
      return view('info', messages.cancelledTitle, messages.nothingCharged);
    case 'expired':
      return view('info', messages.expiredTitle, messages.nothingCharged);
    case 'pending':
      return view('info', messages.pendingTitle, messages.pendingText);
    default:
      return view('bad', messages.refundedTitle, messages.refundedText);
  }
}
