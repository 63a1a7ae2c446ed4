import type { Bill } from '@coinslot/protocol';

/** What core offers the app's {@link GrantHook} for one paid bill. */
export interface GrantOffer {
  /** The bill id: the idempotency key of the grant. Store it in the same write as the item. */
  billId: string;
  /**
   * The paid bill, from the server's verified result. Grant `quantity` × `itemId` to `userId` — the bill's
   * player, who is not necessarily the one on screen when recovery finds an older bill.
   */
  bill: Bill;
}

/**
 * The app's grant: give the player the item of a paid bill. Core calls it, then records the delivery.
 *
 * **The contract.** Core calls `grant` at most once per bill per journal: it holds the bill's lock (across
 * tabs), re-reads the journal and the pay server's signed state, never grants a bill the server has delivered,
 * and records `granted` as soon as `grant` resolves. One window remains: a crash after your write but before
 * core's journal write, or a lost journal (site data cleared, another device), makes core call `grant` again
 * for the same bill. So your grant must:
 *
 * 1. store `offer.billId` in the **same atomic write** as the item (one transaction, one document), and skip
 *    the write when that bill id is already stored — then **resolve `false`**: you had already applied this
 *    bill (`grantOnce` does both for you). Core records and delivers the bill all the same, and `bill-granted`
 *    says `applied: false`; anything else you resolve with (`undefined`, `true`, a response…) means applied now;
 * 2. resolve only once that write is durable, and throw when it failed (the bill stays `paid`, `grant-failed`
 *    is emitted, and the next recovery offers it again);
 * 3. grant to `offer.bill.userId`, who may not be the player on screen;
 * 4. not call `deliver()`, `resume()` or `recover()` for that bill from inside `grant` (core holds its lock).
 *
 * Items kept on the client: `createGrantLedger(storage).grantOnce(offer.billId, tx => …)` does 1 for you, and
 * `grant: (o) => ledger.grantOnce(o.billId, …)` passes its answer (`false`: already granted) on to core.
 * Items kept on your game server: send `billId` along, let the server refuse a second grant of it, and resolve
 * `false` when it did.
 */
// biome-ignore lint/suspicious/noConfusingVoidType: a hook may return nothing at all; `undefined` would not accept `() => {}`
export type GrantHook = (offer: GrantOffer) => void | boolean | PromiseLike<unknown>;
