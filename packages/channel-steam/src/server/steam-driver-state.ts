/**
 * What the Steam driver keeps between calls. Steam's reports name orders, not bills, and the pay server cannot look a
 * bill up by a channel's reference, so the driver records which bill each order belongs to when it starts the order,
 * and where its reading of GetReport got to. Keep it as durable as the bills: a lost entry means a refund or
 * chargeback of that order is logged as unknown instead of reaching its bill.
 */
export interface SteamDriverState {
  /** Records that `orderid` is `billId`'s Steam order (called before InitTxn). */
  rememberOrder(orderid: string, billId: string): Promise<void>;
  /** The bill of an order, if recorded. */
  billForOrder(orderid: string): Promise<string | undefined>;
  /** GetReport's cursor (RFC 3339 UTC): the `time` to read from next, if one was saved. */
  reportCursor(): Promise<string | undefined>;
  /** Saves GetReport's cursor once everything before it was handled. */
  saveReportCursor(time: string): Promise<void>;
}

/** A {@link SteamDriverState} in memory: for tests and single-run development (lost at every restart). */
export function createMemorySteamState(): SteamDriverState {
  const orders = new Map<string, string>();
  let cursor: string | undefined;
  return {
    async rememberOrder(orderid, billId) {
      orders.set(orderid, billId);
    },
    async billForOrder(orderid) {
      return orders.get(orderid);
    },
    async reportCursor() {
      return cursor;
    },
    async saveReportCursor(time) {
      cursor = time;
    },
  };
}
