import { CoinslotError, type Coinslot } from '@coinslot/core';
import { findCoinPack } from '../shared/shop-items.js';
import type { ShopView } from './shop-view.js';

/** A message fit for the player. */
export function describe(error: unknown): string {
  if (CoinslotError.isInstance(error))
    return error.safeToShow ? error.message : `something went wrong (${error.code}).`;
  return error instanceof Error ? error.message : String(error);
}

/**
 * Core's events as activity lines, each with `data-state` (`created`, `paid`, `granted`, `delivered`, `declined`,
 * `cancelled`, `expired`, `pending`, `error`, `recovery-done`) and `data-bill-id`. Call it before `ready()`.
 */
export function logPurchases(coinslot: Coinslot, view: Pick<ShopView, 'log'>): void {
  const name = (itemId: string) => findCoinPack(itemId)?.name ?? itemId;
  coinslot.on('channel-skipped', ({ channel, message }) =>
    view.log(`Channel ${channel} unavailable: ${message}`, 'bad', { state: 'error' }),
  );
  coinslot.on('bill-created', ({ bill }) =>
    view.log(`Bill ${bill.id}: ${name(bill.itemId)}, waiting for the checkout…`, 'info', {
      billId: bill.id,
      state: 'created',
    }),
  );
  coinslot.on('bill-paid', ({ bill }) =>
    view.log(`Paid: ${name(bill.itemId)}.`, 'good', { billId: bill.id, state: 'paid' }),
  );
  coinslot.on('bill-granted', ({ bill, applied }) => {
    const coins = (findCoinPack(bill.itemId)?.coins ?? 0) * bill.quantity;
    const text = applied
      ? `+${coins.toLocaleString()} coins saved.`
      : 'These coins were already saved; nothing added twice.';
    view.log(text, 'good', { billId: bill.id, state: 'granted' });
  });
  coinslot.on('grant-failed', ({ bill, error }) =>
    view.log(`Paid, but the coins could not be saved yet (${describe(error)}). The game retries later.`, 'bad', {
      billId: bill.id,
      state: 'error',
    }),
  );
  coinslot.on('bill-delivered', ({ bill }) =>
    view.log('Delivered. Enjoy your coins!', 'good', { billId: bill.id, state: 'delivered' }),
  );
  coinslot.on('bill-failed', ({ bill, state }) => {
    const text = { failed: 'Payment declined.', cancelled: 'Checkout cancelled.', expired: 'The bill expired unpaid.' }[
      state
    ];
    view.log(text, 'bad', { billId: bill.id, state: state === 'failed' ? 'declined' : state });
  });
  coinslot.on('bill-pending', ({ bill }) =>
    view.log('Still pending: the coins arrive once the payment is confirmed.', 'info', {
      billId: bill.id,
      state: 'pending',
    }),
  );
  coinslot.on('recovery-finished', ({ bills, errors }) => {
    for (const error of errors)
      view.log(`Recovery could not check everything: ${describe(error)}`, 'bad', { state: 'error' });
    view.log(`Recovery done: ${bills.length} unfinished bill(s) checked.`, 'info', { state: 'recovery-done' });
  });
}
