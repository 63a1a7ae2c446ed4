import type { LaunchPayload } from '@coinslot/core';
import type { AlipayStack } from './alipay-stack.js';
import type { FakeBrowser } from '@coinslot/testing/browser-fakes';
import type { fakeQrView } from './fake-qr-view.js';

/** One checkout as the player sees it: the bill, the launch payload and how it shows. */
export interface Checkout {
  bill: { id: string };
  launch: Readonly<LaunchPayload>;
  presentation: string;
}

/**
 * What a player does at Alipay, against the emulator, and what their browser then does: open the cashier (page pay)
 * or scan the code (precreate), then pay, refuse or leave. After paying in a popup, Alipay sends the popup to the
 * driver's return page, which posts its message to the game and closes — played here with the fake browser.
 */
export function alipayPlayer(stack: () => AlipayStack, browser: FakeBrowser, qr: ReturnType<typeof fakeQrView>) {
  const emulator = () => stack().emulator;

  async function reachCheckout(checkout: Checkout): Promise<void> {
    const { flow, pageUrl } = checkout.launch;
    if (emulator().trades.get(checkout.bill.id)?.visible) return;
    if (flow === 'page') await emulator().openPage(String(pageUrl));
    else emulator().scan(checkout.bill.id);
  }

  return {
    /** Pays; a second call delivers Alipay's notification again (a duplicate), as a retry would. */
    async pays(checkout: Checkout): Promise<void> {
      const trade = emulator().trades.get(checkout.bill.id);
      if (trade?.status === 'TRADE_SUCCESS') {
        const last = [...emulator().notifications]
          .reverse()
          .find((sent) => sent.params.out_trade_no === checkout.bill.id)!;
        await emulator().redeliver(last);
        return;
      }
      await reachCheckout(checkout);
      await emulator().pay(checkout.bill.id);
      const popup = checkout.presentation === 'popup' ? browser.showing(String(checkout.launch.pageUrl)) : undefined;
      if (popup) {
        browser.post(popup, { source: 'coinslot-alipay', billId: checkout.bill.id }, new URL(stack().url).origin);
        popup.close();
      }
    },
    /** Alipay refuses the payment; the player then leaves (closes the popup or the QR view). */
    async isRefusedThenLeaves(checkout: Checkout): Promise<void> {
      await reachCheckout(checkout);
      emulator().decline(checkout.bill.id);
      this.leaves(checkout);
    },
    /** Closes the checkout without paying. */
    leaves(checkout: Checkout): void {
      if (checkout.launch.flow === 'precreate') qr.showing(String(checkout.launch.qrCode))?.close();
      else browser.showing(String(checkout.launch.pageUrl))?.close();
    },
    /** Opens the cashier or scans, then closes it. */
    async looksThenLeaves(checkout: Checkout): Promise<void> {
      await reachCheckout(checkout);
      this.leaves(checkout);
    },
  };
}
