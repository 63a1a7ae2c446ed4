import type { ChannelResolution } from './factory/channel-resolution.js';
import type { CoinslotEventMap, CoinslotEventName } from './events/event-map.js';
import type { Bill } from './protocol/bill.js';
import type { PurchaseRequest, PurchaseResult } from './purchase/purchase-types.js';

/** Options of {@link Coinslot.resume}. */
export interface ResumeOptions {
  /** Stops the wait; the promise rejects with `ABORTED`. */
  signal?: AbortSignal;
  /** How long to wait for the result, in ms. @default the `defaultDeadlineMs` option */
  deadlineMs?: number;
}

/** Options of {@link Coinslot.deliver}. */
export interface DeliverOptions {
  /** Stops the request; the promise rejects with `ABORTED`. */
  signal?: AbortSignal;
}

/** What {@link Coinslot.deliver} answers. */
export interface DeliverResult {
  /** The bill, now `delivered`. */
  bill: Bill;
  /** True when an earlier call had already recorded the delivery (nothing changed this time). */
  alreadyDelivered: boolean;
}

/** A listener of one Coinslot event. */
export type CoinslotListener<E extends CoinslotEventName> = (payload: CoinslotEventMap[E]) => void;

/** The SDK instance {@link createCoinslot} returns. */
export interface Coinslot {
  /**
   * Load every channel (all loaders in parallel), check them and sort them into ready and skipped.
   * Memoised: later calls answer the same resolution. Emits `channel-loaded` / `channel-skipped` per channel.
   * Call it early (before the player's click) so `purchase()` can open a popup inside the gesture.
   */
  ready(): Promise<ChannelResolution>;
  /**
   * Buy an item: create the bill, launch the channel, wait for the signed result and verify it.
   * Resolves with `paid`, `declined`, `cancelled`, `expired` or `pending`; rejects with a {@link CoinslotError}.
   */
  purchase(request: PurchaseRequest): Promise<PurchaseResult>;
  /** Wait again for the signed result of a bill, e.g. one that ended `pending` or survived a reload. */
  resume(billId: string, options?: ResumeOptions): Promise<PurchaseResult>;
  /** Record that the game granted the item (paid → delivered). Safe to repeat. Emits `bill-delivered`. */
  deliver(billId: string, options?: DeliverOptions): Promise<DeliverResult>;
  /** Subscribe to an event; returns a function that removes the listener. */
  on<E extends CoinslotEventName>(event: E, listener: CoinslotListener<E>): () => void;
  /** Remove a listener added with {@link Coinslot.on}. */
  off<E extends CoinslotEventName>(event: E, listener: CoinslotListener<E>): void;
  /** Dispose every adapter, abort in-flight purchases and waits (they reject with `DISPOSED`), remove listeners. */
  dispose(): Promise<void>;
}
