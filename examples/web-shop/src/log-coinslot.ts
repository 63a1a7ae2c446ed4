import { CoinslotError, type Coinslot } from '@coinslot/core';
import type { EventLog } from './event-log.js';
import { findShopItem, formatPrice } from './shop-items.js';

/**
 * Write what core reports into the shop's log, one line per step of each bill, with `data-bill-id` and
 * `data-state` (`created`, `waiting`, `paid`, `delivered`, `refunded`, `charged-back`, `declined`, `cancelled`,
 * `expired`, `pending`, `recovered`, `error`, `recovery-done`). The coins are the backend's: the page only says
 * what the signed results say (paid, then delivered by the shop's server). Call it before `ready()`: the `recovered`
 * lines and the `recovery-done` line come from the report of the background recovery (`recovery-finished`).
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
  coinslot.on('bill-delivered', ({ bill }) => {
    const coins = (findShopItem(bill.itemId)?.coins ?? 0) * bill.quantity;
    log.add(`Delivered: the shop added ${coins.toLocaleString()} coins for ${bill.userId}. Enjoy!`, 'good', {
      billId: bill.id,
      state: 'delivered',
    });
  });
  coinslot.on('bill-refunded', ({ bill }) => {
    const refunded = formatPrice(bill.refundedAmount ?? bill.amount, bill.currency);
    const text = `Refunded ${refunded} of ${formatPrice(bill.amount, bill.currency)}: the shop takes those coins back.`;
    log.add(text, 'bad', { billId: bill.id, state: 'refunded' });
  });
  coinslot.on('bill-charged-back', ({ bill }) =>
    log.add('Charged back: the shop takes the coins back.', 'bad', { billId: bill.id, state: 'charged-back' }),
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
      else if (result?.status === 'delivered')
        log.add(`Recovered unfinished bill ${billId}: the shop's server had delivered it.`, 'good', {
          billId,
          state: 'recovered',
        });
      else if (result?.status === 'paid')
        log.add(`Bill ${billId} is paid; the shop has not added its coins yet.`, 'wait', { billId, state: 'pending' });
    }
    for (const error of errors)
      log.add(`Recovery could not check everything: ${describe(error)}`, 'bad', { state: 'error' });
    const found = bills.length === 0 ? 'nothing was left unfinished' : `${bills.length} unfinished bill(s) checked`;
    log.add(`Recovery done: ${found}.`, 'info', { state: 'recovery-done' });
  });
}

/**
 * An error for the developer log: its code and message (and the bill it names). The player reads the checkout UI's
 * own words instead (`@coinslot/ui`), never these.
 */
export function describe(error: unknown): string {
  if (!CoinslotError.isInstance(error)) return error instanceof Error ? error.message : String(error);
  return `${error.code}${error.billId ? ` (bill ${error.billId})` : ''}: ${error.message}`;
}
