import { type Bill, type Coinslot, createCoinslot, type PurchaseResult } from '@coinslot/core';
import { createStripeChannel } from '../../src/index.js';
import { CATALOG, type StripeStack } from './stripe-stack.js';

/** A purchase in progress: its bill once created, and its result once it ends. */
export interface Purchase {
  coinslot: Coinslot;
  bill: Promise<Bill>;
  result: Promise<PurchaseResult>;
}

/**
 * Buys `itemId` through the REAL core with the Stripe adapter against the stack's pay server (popup unless told),
 * as a game does in the player's click. The fake browser must be installed.
 */
export function buy(
  stack: StripeStack,
  options: { itemId?: string; userId?: string; deadlineMs?: number; presentation?: 'popup' | 'redirect' } = {},
): Purchase {
  const coinslot = createCoinslot({
    server: stack.url,
    channels: { stripe: async () => ({ default: createStripeChannel() }) },
    channelOptions: { stripe: { presentation: options.presentation ?? 'popup' } },
    platform: 'web',
    trustedKeys: stack.trustedKeys,
    retryLimit: 1,
  });
  const bill = new Promise<Bill>((resolve) => {
    const off = coinslot.on('bill-created', ({ bill: created }) => {
      off();
      resolve(created);
    });
  });
  const item = (options.itemId ?? 'gem-pack') as keyof typeof CATALOG;
  const result = coinslot.ready().then(() =>
    coinslot.purchase({
      channel: 'stripe',
      userId: options.userId ?? `player-${Math.random().toString(36).slice(2, 10)}`,
      itemId: item,
      ...CATALOG[item],
      deadlineMs: options.deadlineMs ?? 10_000,
    }),
  );
  return { coinslot, bill, result };
}
