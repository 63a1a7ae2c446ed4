/**
 * The wake-up bus between pay server instances (issue 13): when one instance stores a change to a bill, the others
 * end the held waits they keep for that bill, so a player waiting on instance A learns of a payment instance B
 * received at once rather than when the hold ends.
 *
 * The bus is a hint, never the truth. A held wait answers from the store, or from a change sealed by an instance
 * holding the shared secret that replaced exactly the bill the wait last read (bus/change-seal.ts) — never from what
 * a message merely says; a wake-up may be
 * lost (Redis pub/sub is at-most-once, a listener's connection breaks), so every instance re-reads the bills it holds
 * waits for when its listener (re)connects ({@link WakeListener.onReconnect}), and every hold re-reads when it ends. A
 * lost wake-up costs latency, never a result; a spurious one costs a re-read.
 */
export interface WakeBus {
  /** What carries the wake-ups, for logs: `in-process`, `postgres` or `redis`. */
  readonly kind: string;
  /**
   * Tells every instance that `billId` changed. Call it after the change is committed, never inside its transaction.
   * Never rejects: a wake-up that cannot be sent is logged and dropped (the holds re-read when they end). `sealed`,
   * when given, is the committed change sealed by the pay server (bus/change-seal.ts): a bus delivers it with the id,
   * unchanged, or drops it — a bus that cannot carry it sends the id alone.
   */
  publish(billId: string, sealed?: string): Promise<void>;
  /**
   * Starts delivering wake-ups to `listener` (every instance's, this one's own included); resolves once listening,
   * rejects when the bus cannot listen at all at start. Several pay servers in one process may subscribe to one bus.
   */
  subscribe(listener: WakeListener): Promise<WakeSubscription>;
  /** Stops listening and closes the connections the bus opened. A pay server never closes a bus it was given. */
  close(): Promise<void>;
}

/** What a bus calls on a subscriber. Both must be cheap and never throw. */
export interface WakeListener {
  /** Some instance changed `billId` (possibly this one: its echo); `sealed` as that instance published it. */
  onWake(billId: string, sealed?: string): void;
  /**
   * The listener's connection was lost and is back: wake-ups sent meanwhile may be lost, so re-read every bill a
   * wait is held for.
   */
  onReconnect(): void;
}

/** One {@link WakeBus.subscribe}: `close` stops delivering to that listener (the bus stays open). */
export interface WakeSubscription {
  close(): void;
}
