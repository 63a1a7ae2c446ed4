import { formatAmount } from './format-amount.js';
import { displayOf } from './channel-display.js';
import type { CheckoutUi, CheckoutUiOptions } from './checkout-options.js';
import { h } from './dom.js';
import { createNoticeBar } from './notice-bar.js';
import { createPickerView } from './picker-view.js';
import { createPurchaseFlow } from './purchase-flow.js';
import { createQrView } from './qr-view.js';
import { createRecoveryNotice } from './recovery-notice.js';
import { resolveMessages } from './resolve-messages.js';
import { createStatusDialog } from './status-dialog.js';
import { adoptStyles } from './ui-styles.js';
import type { UiContext } from './ui-context.js';

/**
 * Mount the checkout UI into `target`: an element (the UI lives in a shadow root of a `<div>` it adds there) or a
 * shadow root of yours. Its styles stay inside the shadow root; theme it with the `--coinslot-ui-*` custom properties.
 * It lists the channels `ready()` resolves (it calls `ready()`: mount before your own call, so it hears the
 * recovery that starts), shows each purchase made through {@link CheckoutUi.buy}, and tells the player what core's
 * recovery finishes.
 */
export function mountCheckout(target: Element | ShadowRoot, options: CheckoutUiOptions): CheckoutUi {
  const doc = target.ownerDocument ?? document;
  const win = doc.defaultView ?? window;
  const host = target instanceof win.ShadowRoot ? undefined : h(doc, 'div', 'coinslot-checkout');
  const root = host ? host.attachShadow({ mode: 'open' }) : (target as ShadowRoot);
  const { lang, messages } = resolveMessages(
    options.locale ?? (doc.documentElement.lang || undefined),
    options.messages,
  );
  const releaseStyles = adoptStyles(root, options.nonce);
  const container = h(doc, 'div', 'cs-root', { lang, 'data-coinslot-ui': '' });

  const ctx: UiContext = {
    options,
    doc,
    win,
    lang,
    messages,
    dialog: createStatusDialog(doc, messages.hide, () => dismiss()),
    bar: createNoticeBar(doc),
    channelName: (id) => displayOf(id, lang, options.channels).name,
    itemName: options.itemName ?? ((bill) => formatAmount(bill.amount, bill.currency, lang)),
  };
  const picker =
    options.picker === false
      ? undefined
      : createPickerView(doc, { lang, legend: messages.payWith, channels: options.channels }, (id) =>
          options.onChannelChange?.(id),
        );
  const flow = createPurchaseFlow(ctx, (busy) => picker?.setDisabled(busy));
  const recovery = createRecoveryNotice(ctx);
  let ready: readonly string[] = [];

  function dismiss(): void {
    ctx.dialog.close();
    if (flow.open)
      ctx.bar.show('in-progress', 'wait', messages.inProgress, { label: messages.show, run: () => flow.showOpen() });
  }

  const { coinslot } = options;
  const unsubscribe = [
    coinslot.on('bill-created', ({ bill }) => flow.billCreated(bill)),
    coinslot.on('bill-paid', ({ bill }) => flow.open?.bill?.id !== bill.id && recovery.billPaid(bill)),
    coinslot.on('bill-delivered', ({ bill }) => {
      if (flow.open?.bill?.id === bill.id || flow.billDelivered(bill)) return;
      recovery.billEnded(bill, true);
    }),
    coinslot.on('bill-failed', ({ bill }) => flow.open?.bill?.id !== bill.id && recovery.billEnded(bill, false)),
    coinslot.on('recovery-finished', (report) => recovery.finished(report)),
  ];

  container.append(...(picker ? [picker.element] : []), ctx.bar.element, ctx.dialog.element);
  root.append(container);
  if (host) target.append(host);
  void recovery.start();
  coinslot.ready().then(
    (resolution) => {
      ready = [...resolution.ready.keys()];
      picker?.show(ready);
    },
    () => picker?.show([]),
  );

  return {
    buy(request) {
      const channel = request.channel ?? picker?.selected() ?? ready[0];
      if (!flow.open && recovery.blocking()) {
        recovery.showBlocking(messages.alreadyOpen);
        return Promise.resolve(undefined);
      }
      if (channel === undefined) return Promise.resolve(undefined);
      return flow.buy({ ...request, channel });
    },
    selected: () => picker?.selected() ?? ready[0],
    channels: () => ready,
    busy: () => flow.open !== undefined,
    qrView: createQrView(ctx, flow),
    destroy() {
      for (const off of unsubscribe) off();
      ctx.dialog.close();
      container.remove();
      host?.remove();
      releaseStyles();
    },
  };
}
