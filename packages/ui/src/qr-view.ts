import type { QrCheckoutOptions, QrCheckoutOutcome } from '@coinslot/qr';
import { openPurchaseView } from './open-purchase-view.js';
import type { PurchaseFlow } from './purchase-flow.js';
import type { UiContext } from './ui-context.js';

/**
 * The QR view the UI gives the QR channels: `@coinslot/qr`'s dialog (the code, the amount, a countdown; loaded on
 * first use, a chunk of its own) in the UI's words, in place of the UI's dialog while it shows; then "Confirming
 * your payment…" until core has the result.
 */
export function createQrView(
  ctx: UiContext,
  flow: PurchaseFlow,
): (input: QrCheckoutOptions) => Promise<QrCheckoutOutcome> {
  const { messages } = ctx;
  return async (input) => {
    const purchase = flow.open;
    if (purchase) {
      purchase.phase = 'qr';
      ctx.dialog.close();
    }
    const { showQrCheckout } = await import('@coinslot/qr');
    const outcome = await showQrCheckout({
      ...input,
      title: purchase ? messages.scanWith(ctx.channelName(purchase.channel)) : input.title,
      locale: input.locale ?? ctx.lang,
      labels: { close: messages.close, expiresIn: messages.expiresIn, qrCode: messages.qrCode, ...input.labels },
    });
    if (purchase && flow.open === purchase) {
      purchase.phase = 'confirming';
      ctx.dialog.show(openPurchaseView(ctx, purchase));
    }
    return outcome;
  };
}
