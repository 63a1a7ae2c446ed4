import { type Bill, type Coinslot, createCoinslot, type PurchaseResult } from '@coinslot/core';
import { createAlipayChannel } from '../src/index.js';
import type { AlipayStack } from './alipay-stack.js';
import type { fakeQrView } from './fake-qr-view.js';

/** One purchase in progress: its bill once created, and how it ends. */
export interface Shopping {
  bill: Promise<Bill>;
  result: Promise<PurchaseResult>;
}

/**
 * A player's game on the real SDK (@coinslot/core) with the Alipay adapter, buying from the stack's pay server. The
 * QR code shows in the stand-in view (Node has no DOM); the fake browser must be installed (`isAvailable` looks for
 * a window). `grants` records every bill the game granted.
 */
export function alipayShopper(stack: AlipayStack, qr: ReturnType<typeof fakeQrView>) {
  const grants: string[] = [];
  const coinslot: Coinslot = createCoinslot({
    server: stack.url,
    trustedKeys: stack.trustedKeys,
    platform: 'web',
    channels: { alipay: async () => createAlipayChannel({ qrView: qr.view }) },
    channelOptions: { alipay: { presentation: 'embedded', statusPollMs: 100 } },
    grant: (offer) => void grants.push(offer.billId),
    recoverOnReady: false,
  });
  return {
    coinslot,
    grants,
    /** Buys the gem pack (12.34 yuan); the purchase runs until the bill settles or `deadlineMs` passes. */
    buy(userId: string, deadlineMs = 10_000): Shopping {
      let created!: (bill: Bill) => void;
      const bill = new Promise<Bill>((resolve) => (created = resolve));
      const off = coinslot.on('bill-created', ({ bill }) => created(bill));
      const result = coinslot
        .purchase({ channel: 'alipay', userId, itemId: 'gem-pack', amount: 1234, currency: 'CNY', deadlineMs })
        .finally(off);
      return { bill, result };
    },
  };
}
