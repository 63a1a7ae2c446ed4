import type { Bill } from '@coinslot/protocol';

/** What core offers the app's {@link RevokeHook} for one reversed bill. */
export interface RevokeOffer {
  /** The bill id: the idempotency key of the revocation, as it was of the grant. */
  billId: string;
  /**
   * The bill, from the server's verified result: `state` is `refunded` (with `refundedAmount`, how much of `amount`
   * went back so far) or `charged_back`. Take back what its grant gave `userId`.
   */
  bill: Bill;
}

/**
 * The app's revocation: take back the item of a bill whose payment the channel reversed (refunded or charged back).
 * Only with `fulfilment: 'client'`; with `'server'` the game backend revokes on the `bill.refunded` and
 * `bill.charged_back` events.
 *
 * **The contract.** Core calls `revoke` only for a bill **this journal granted** (its `grant` hook ran for it, or the
 * app called `deliver()` for it), when a verified result says it was reversed: a purchase's or resume's wait, or a
 * recovery that lists the player's `refunded` and `charged_back` bills (it needs `userId` or `getPlayerToken`, as
 * the listing of paid bills does). It calls it **at most once per bill per journal**, under the bill's lock, and
 * records `revokedAt` as soon as it resolves. A further refund of the same bill, or a refund charged back later, is
 * told by the events (`bill-refunded`, `bill-charged-back`) but not offered again: decide on the first reversal
 * (e.g. from `bill.refundedAmount`) what to take back.
 *
 * As with `grant`, a crash between your write and core's journal write (or a lost journal) can offer the bill again,
 * so make the revocation idempotent: record `offer.billId` in the same atomic write (`createGrantLedger(storage)
 * .revokeOnce(billId, tx => …)` does, and resolves `false` when there was nothing to revoke). Resolve once the write
 * is durable; throw when it failed — the bill is then offered again by the next recovery that lists it.
 */
// biome-ignore lint/suspicious/noConfusingVoidType: a hook may return nothing at all; `undefined` would not accept `() => {}`
export type RevokeHook = (offer: RevokeOffer) => void | boolean | PromiseLike<unknown>;
