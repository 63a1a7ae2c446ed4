import type { Bill, RecoveryReport } from '@coinslot/core';
import { focusNamedWindow } from './checkout-window.js';
import type { UiContext } from './ui-context.js';
import { type UnfinishedBill, unfinishedBills } from './unfinished-bills.js';

/** What the UI says about the purchases core's recovery finishes (from an earlier run of the game). */
export interface RecoveryNotice {
  /** Read the journal (with the `storage` option) and show the notice when something is left unfinished. */
  start(): Promise<void>;
  /** A purchase from last time whose checkout may still be open: a new Buy must not start. */
  blocking(): UnfinishedBill | undefined;
  /** Show that purchase in the dialog: Focus its window, or Cancel (close it and let a new purchase start). */
  showBlocking(note: string): void;
  billPaid(bill: Bill): void;
  billEnded(bill: Bill, delivered: boolean): void;
  finished(report: RecoveryReport): void;
}

export function createRecoveryNotice(ctx: UiContext): RecoveryNotice {
  const { messages, bar, dialog } = ctx;
  const unfinished = new Map<string, UnfinishedBill>();
  const announced = new Set<string>();
  let recovering = true; // until the first recovery-finished: events of bills not bought here are recovery's

  const refresh = () => {
    if (unfinished.size > 0) bar.show('recovering', 'wait', messages.recovering);
    else if (bar.kind === 'recovering') bar.hide();
  };
  const forget = (billId: string) => {
    unfinished.delete(billId);
    if (dialog.open && dialog.element.dataset.view === 'recovering' && dialog.element.dataset.bill === billId)
      dialog.close();
    refresh();
  };
  const delivered = (bill: Bill) => {
    if (announced.has(bill.id)) return;
    announced.add(bill.id);
    forget(bill.id);
    bar.show('recovered', 'good', messages.recoveredDelivered(ctx.itemName(bill)), {
      label: messages.ok,
      run: bar.hide,
    });
  };
  const blocking = () => [...unfinished.values()].find((entry) => entry.checkoutMayBeOpen);

  return {
    async start() {
      if (!ctx.options.storage) return;
      for (const entry of await unfinishedBills(ctx.options.storage, ctx.options.server))
        if (!announced.has(entry.bill.id)) unfinished.set(entry.bill.id, entry);
      refresh();
    },
    blocking,
    showBlocking(note) {
      const entry = blocking();
      if (!entry) return;
      const name = `coinslot-${entry.bill.channel}`;
      dialog.show({
        kind: 'recovering',
        tone: 'wait',
        title: messages.recovering,
        text: messages.waitingText(ctx.channelName(entry.bill.channel)),
        note,
        actions: [
          {
            label: messages.focus,
            name: 'focus',
            run: () => focusNamedWindow(ctx.win, name) || this.showBlocking(messages.windowGone),
          },
          {
            label: messages.cancel,
            name: 'cancel',
            run: () => {
              ctx.win.open('', name)?.close(); // its window, if open (else the blank one this opens)
              forget(entry.bill.id);
              dialog.close();
            },
          },
        ],
      });
      dialog.element.dataset.bill = entry.bill.id;
    },
    billPaid(bill) {
      const entry = unfinished.get(bill.id);
      if (entry) entry.checkoutMayBeOpen = false;
    },
    billEnded(bill, wasDelivered) {
      if (wasDelivered && (recovering || unfinished.has(bill.id))) delivered(bill);
      else if (unfinished.has(bill.id)) forget(bill.id);
    },
    finished(report) {
      recovering = false;
      for (const { result } of report.bills)
        if (result && (result.status === 'delivered' || result.delivered)) delivered(result.bill);
      for (const billId of [...unfinished.keys()]) forget(billId);
    },
  };
}
