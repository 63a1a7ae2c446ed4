import { CoinslotError, type Coinslot } from '@coinslot/core';
import type { EventLog } from './event-log.js';
import { findShopItem } from './shop-items.js';

/**
 * Write what core reports into the shop's log, one line per step of each bill, with `data-bill-id` and
 * `data-state` (`created`, `waiting`, `paid`, `granted`, `delivered`, `declined`, `cancelled`, `expired`,
 * `pending`, `recovered`, `error`, `recovery-done`). Call it before `ready()`: the `recovered` lines and the
 * `recovery-done` line come from the report of the background recovery (`recovery-finished`).
 */
export function logCoinslot(coinslot: Coinslot, log: EventLog): void {
  const itemName = (itemId: string) => findShopItem(itemId)?.name ?? itemId;

  coinslot.on('channel-skipped', ({ channel, message }) =>
    log.add(`Channel ${channel} unavailable: ${message}`, 'bad'),
  );
  coinslot.on('bill-created', ({ bill }) => {
    log.add(`Bill ${bill.id} created: ${itemName(bill.itemId)}`, 'info', { billId: bill.id, state: 'created' });
    log.add('Waiting for the checkout…', 'wait', { billId: bill.id, state: 'waiting' });
  });
  coinslot.on('bill-paid', ({ bill }) =>
    log.add(`Paid: ${itemName(bill.itemId)}.`, 'good', { billId: bill.id, state: 'paid' }),
  );
  coinslot.on('bill-granted', ({ bill, applied }) => {
    const coins = (findShopItem(bill.itemId)?.coins ?? 0) * bill.quantity;
    const text = applied
      ? `+${coins.toLocaleString()} coins for ${bill.userId}.`
      : `The coins of this bill were already added for ${bill.userId}; nothing added twice.`;
    log.add(text, 'good', { billId: bill.id, state: 'granted' });
  });
  coinslot.on('grant-failed', ({ bill, error }) =>
    log.add(`Paid, but the coins could not be added yet (${describe(error)}); the shop retries next time.`, 'bad', {
      billId: bill.id,
      state: 'error',
    }),
  );
  coinslot.on('bill-delivered', ({ bill }) =>
    log.add('Delivered. Enjoy your coins!', 'good', { billId: bill.id, state: 'delivered' }),
  );
  coinslot.on('bill-failed', ({ bill, state }) => {
    const text = { failed: 'Payment declined.', cancelled: 'Checkout cancelled.', expired: 'The bill expired unpaid.' }[
      state
    ];
    log.add(text, 'bad', { billId: bill.id, state: state === 'failed' ? 'declined' : state });
  });
  coinslot.on('bill-pending', ({ bill }) =>
    log.add('Still pending: the coins arrive as soon as the payment is confirmed.', 'wait', {
      billId: bill.id,
      state: 'pending',
    }),
  );

  coinslot.on('recovery-finished', ({ bills, errors }) => {
    for (const { billId, result, error } of bills) {
      if (error !== undefined)
        log.add(`Bill ${billId} could not be recovered yet: ${describe(error)}`, 'bad', { billId, state: 'error' });
      else if (result?.status === 'paid' && result.granted) {
        const where = result.grantedHere ? 'this tab granted it' : 'it was already granted (another tab or visit)';
        log.add(`Recovered unfinished bill ${billId}: ${where}.`, 'good', { billId, state: 'recovered' });
      }
    }
    for (const error of errors)
      log.add(`Recovery could not check everything: ${describe(error)}`, 'bad', { state: 'error' });
    const found = bills.length === 0 ? 'nothing was left unfinished' : `${bills.length} unfinished bill(s) checked`;
    log.add(`Recovery done: ${found}.`, 'info', { state: 'recovery-done' });
  });
}

/** A message fit for the player. */
export function describe(error: unknown): string {
  if (!CoinslotError.isInstance(error)) return error instanceof Error ? error.message : String(error);
  return error.safeToShow ? error.message : `something went wrong (${error.code}). Please try again.`;
}
