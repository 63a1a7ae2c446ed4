import { randomBytes } from 'node:crypto';
import type { SteamOrder } from './steam-order.js';
import type { SteamError, SteamMicroTxnInterface, SteamTxnStatus } from './steam-txn-values.js';

/** What InitTxn hands the book: the order without what Steam assigns. */
export type NewSteamOrder = Omit<SteamOrder, 'transid' | 'status' | 'createdAt' | 'updatedAt' | 'failure'>;

/**
 * The emulator's orders, one book per interface (the sandbox's orders are not the live ones), keyed by the
 * publisher's order id. Every status change stamps `updatedAt`, which GetReport pages by.
 */
export class SteamOrderBook {
  readonly #orders = new Map<string, SteamOrder>();
  #nextTransid = 1_000_000_000_000_000_000n + BigInt(randomBytes(4).readUInt32BE(0)) * 1_000n;

  constructor(private readonly now: () => number) {}

  /** Creates an order in `Init`, or answers why not (an order id already used for this app). */
  create(order: NewSteamOrder): SteamOrder | SteamError {
    const key = this.#key(order.interface, order.orderid);
    if (this.#orders.has(key)) return { errorcode: 3, errordesc: `Invalid parameter: orderid ${order.orderid} exists` };
    const at = this.now();
    this.#nextTransid += 1n;
    const created: SteamOrder = {
      ...order,
      transid: String(this.#nextTransid),
      status: 'Init',
      createdAt: at,
      updatedAt: at,
    };
    this.#orders.set(key, created);
    return created;
  }

  /** The order with this id in this interface's book. */
  get(iface: SteamMicroTxnInterface, orderid: string): SteamOrder | undefined {
    return this.#orders.get(this.#key(iface, orderid));
  }

  /** The order with this id in either book (the live one first), for test controls. */
  find(orderid: string): SteamOrder | undefined {
    return this.get('ISteamMicroTxn', orderid) ?? this.get('ISteamMicroTxnSandbox', orderid);
  }

  /** Every order of one interface's book, oldest first. */
  list(iface: SteamMicroTxnInterface): SteamOrder[] {
    return [...this.#orders.values()].filter((order) => order.interface === iface);
  }

  /** Moves an order (and each item, unless `itemStatus` says otherwise) to `status`, stamping the time. */
  setStatus(
    order: SteamOrder,
    status: SteamTxnStatus,
    failure?: SteamError,
    itemStatus: SteamTxnStatus = status,
  ): void {
    order.status = status;
    for (const item of order.items) item.itemstatus = itemStatus;
    if (failure) order.failure = failure;
    order.updatedAt = Math.max(this.now(), order.updatedAt);
  }

  #key(iface: SteamMicroTxnInterface, orderid: string): string {
    return `${iface}/${orderid}`;
  }
}
