import type { SteamOrder } from './steam-order.js';
import type { SteamOrderBook } from './steam-order-book.js';
import type { SteamError } from './steam-txn-values.js';

/** A player's answer in Steam's purchase dialog. */
export type SteamOverlayDecision = 'authorize' | 'decline' | 'cancel';

/**
 * The purchase dialogs Steam showed one user, and the player's hand on them. Each decision changes the order the way
 * Steam does and fires the binding's MicroTxnAuthorizationResponse callback (asynchronously, like steamworks.js):
 * - `authorize`: the player pays → the order is `Approved` (FinalizeTxn then captures it), callback `authorized: true`;
 * - `decline`: Steam refuses the payment (insufficient funds by default) → `Failed`, callback `authorized: false`;
 * - `cancel`: the player closes the dialog → the order stays `Init`, callback `authorized: false`.
 * The same decision again re-fires the callback (a duplicate delivery); another decision on a decided order throws.
 */
export interface SteamOverlay {
  /** The order ids whose dialog was shown, oldest first. */
  shown(): string[];
  /** Resolves with the order id once the dialog of `orderid` (or, without it, the next one) is shown. @default timeoutMs 5000 */
  waitFor(orderid?: string, timeoutMs?: number): Promise<string>;
  authorize(orderid: string): void;
  decline(orderid: string, error?: SteamError): void;
  cancel(orderid: string): void;
}

/** What the overlay needs: the order book, the callback to fire, Steam's reason for a declined payment. */
export interface SteamOverlayDeps {
  book: SteamOrderBook;
  respond(order: SteamOrder, authorized: boolean): void;
  deniedError(): SteamError;
}

/** The overlay of one stand-in client: `show` is what the emulator calls on InitTxn; `controls` is the test's hand. */
export function createSteamOverlay(deps: SteamOverlayDeps): { show(order: SteamOrder): void; controls: SteamOverlay } {
  const orders = new Map<string, SteamOrder>();
  const decided = new Map<string, SteamOverlayDecision>();
  const waiters = new Set<(orderid: string) => boolean>();

  const dialog = (orderid: string): SteamOrder => {
    const order = orders.get(orderid);
    if (!order) throw new Error(`Steam never showed order ${orderid} to this user (it shows the user InitTxn named)`);
    return order;
  };
  const decide = (orderid: string, decision: SteamOverlayDecision, change: (order: SteamOrder) => void) => {
    const order = dialog(orderid);
    const before = decided.get(orderid);
    if (before !== undefined && before !== decision)
      throw new Error(`order ${orderid} was already answered with ${before} in the overlay`);
    if (before === undefined) {
      change(order);
      decided.set(orderid, decision);
    }
    deps.respond(order, decision === 'authorize');
  };

  const controls: SteamOverlay = {
    shown: () => [...orders.keys()],
    waitFor(orderid, timeoutMs = 5000) {
      if (orderid !== undefined && orders.has(orderid)) return Promise.resolve(orderid);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`no Steam purchase dialog for ${orderid ?? 'a new order'} within ${timeoutMs} ms`));
        }, timeoutMs);
        const waiter = (shown: string) => {
          if (orderid !== undefined && shown !== orderid) return false;
          clearTimeout(timer);
          resolve(shown);
          return true;
        };
        waiters.add(waiter);
      });
    },
    authorize: (orderid) => decide(orderid, 'authorize', (order) => deps.book.setStatus(order, 'Approved')),
    decline: (orderid, error) =>
      decide(orderid, 'decline', (order) => deps.book.setStatus(order, 'Failed', error ?? deps.deniedError())),
    cancel: (orderid) => decide(orderid, 'cancel', () => {}),
  };

  return {
    show(order) {
      orders.set(order.orderid, order);
      for (const waiter of [...waiters]) if (waiter(order.orderid)) waiters.delete(waiter);
    },
    controls,
  };
}
