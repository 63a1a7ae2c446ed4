import { type Bill, CoinslotError, type PurchaseResult } from '@coinslot/core';
import type { CheckoutRequest } from './checkout-options.js';
import { callCapturingWindow, writeOpeningPage } from './checkout-window.js';
import { playerMessage } from './player-message.js';
import { isDelivered, resultView } from './result-view.js';
import { payServerReachable } from './server-probe.js';
import type { UiContext } from './ui-context.js';
import { openPurchaseView, type OpenPurchase } from './open-purchase-view.js';

/** The purchases the UI starts: at most one open at a time. */
export interface PurchaseFlow {
  buy(request: CheckoutRequest & { channel: string }): Promise<PurchaseResult | undefined>;
  /** The open purchase, if any. */
  readonly open: OpenPurchase | undefined;
  /** Show the open purchase again (a second Buy, the bar's Show button), with an optional note. */
  showOpen(note?: string): void;
  /** A bill was created: the open purchase's, when it is of its channel and it has none yet. */
  billCreated(bill: Bill): void;
  /** A bill this UI bought was delivered after its purchase ended `paid`: show the confirmation. */
  billDelivered(bill: Bill): boolean;
}

export function createPurchaseFlow(ctx: UiContext, onBusy: (busy: boolean) => void): PurchaseFlow {
  const { coinslot, server } = ctx.options;
  const { messages, dialog } = ctx;
  let open: OpenPurchase | undefined;
  const awaitingItem = new Set<string>();
  const closeDialog = () => dialog.close();

  const showOpen = (note?: string) => {
    if (open) dialog.show(openPurchaseView(ctx, open, note));
  };

  const finish = (purchase: OpenPurchase, result: PurchaseResult | undefined, error?: unknown) => {
    if (open === purchase) open = undefined;
    onBusy(false);
    ctx.bar.kind === 'in-progress' && ctx.bar.hide();
    if (result) {
      if (result.status === 'paid' && !isDelivered(result)) awaitingItem.add(result.bill.id);
      dialog.show(resultView(result, ctx.itemName(result.bill), messages, closeDialog));
      return;
    }
    const cancelled = purchase.cancelledByPlayer && !purchase.serverDown;
    dialog.show({
      kind: cancelled ? 'result' : 'error',
      tone: cancelled ? 'info' : 'bad',
      title: cancelled ? messages.cancelledTitle : messages.errorTitle,
      text: cancelled
        ? messages.nothingCharged
        : purchase.serverDown
          ? messages.networkError
          : playerMessage(error, messages, ctx.lang),
      actions: [{ label: messages.ok, run: closeDialog, name: 'ok' }],
    });
  };

  /**
   * Start a purchase inside the player's click: `call` runs at once, so core opens its checkout window in it, and the
   * UI keeps that window (Focus, Cancel) and asks the pay server whether it is up.
   */
  const start = (channel: string, call: (signal: AbortSignal) => Promise<PurchaseResult>, bill?: Bill) => {
    const controller = new AbortController();
    const purchase: OpenPurchase = { channel, phase: bill ? 'waiting' : 'opening', controller, bill };
    open = purchase;
    onBusy(true);
    const started = callCapturingWindow(ctx.win, () => call(controller.signal));
    purchase.popup = started.popup;
    if (started.popup) writeOpeningPage(started.popup, ctx.lang, messages.opening);
    showOpen();
    if (server !== undefined)
      void payServerReachable(server).then((up) => {
        if (up || open !== purchase || purchase.bill) return;
        purchase.serverDown = true;
        controller.abort(); // core closes its window and rejects with ABORTED; the player hears why
      });
    return started.value.then(
      (result) => (finish(purchase, result), result),
      (error: unknown) => {
        ctx.options.onError?.(error);
        if (!offerContinue(purchase, error)) finish(purchase, undefined, error);
        return undefined;
      },
    );
  };

  /**
   * Core paused the purchase for want of user activation (`USER_ACTIVATION_REQUIRED`, with the kept bill's id):
   * a Continue button, whose click is the activation, calls `continuePurchase` (docs/user-activation.md).
   */
  const offerContinue = (purchase: OpenPurchase, error: unknown): boolean => {
    const billId = CoinslotError.isInstance(error) && error.code === 'USER_ACTIVATION_REQUIRED' && error.billId;
    if (!billId || typeof coinslot.continuePurchase !== 'function') return false;
    if (open === purchase) open = undefined;
    onBusy(false);
    dialog.show({
      kind: 'continue',
      tone: 'info',
      title: messages.continueTitle,
      text: messages.continueText,
      actions: [
        {
          label: messages.continueAction,
          name: 'continue',
          run: () => void start(purchase.channel, () => coinslot.continuePurchase(billId), purchase.bill),
        },
        { label: messages.cancel, name: 'cancel', run: closeDialog },
      ],
    });
    return true;
  };

  return {
    get open() {
      return open;
    },
    showOpen,
    buy(request) {
      if (open) {
        showOpen(messages.alreadyOpen);
        return Promise.resolve(undefined);
      }
      return start(request.channel, (signal) => coinslot.purchase({ ...request, signal }));
    },
    billCreated(bill) {
      if (!open || open.bill || bill.channel !== open.channel) return;
      open.bill = bill;
      if (open.phase === 'opening') open.phase = 'waiting';
      if (dialog.open) showOpen();
    },
    billDelivered(bill) {
      if (!awaitingItem.delete(bill.id)) return false;
      const result = { status: 'delivered', bill, delivered: true } as PurchaseResult;
      dialog.show(resultView(result, ctx.itemName(bill), messages, closeDialog));
      return true;
    },
  };
}
