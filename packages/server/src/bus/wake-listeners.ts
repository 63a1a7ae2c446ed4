import type { WakeListener, WakeSubscription } from './wake-bus.js';

/** The subscribers of one bus: every bus fans its wake-ups out through one of these. */
export class WakeListeners {
  readonly #listeners = new Set<WakeListener>();

  /** How many listeners are subscribed. */
  get size(): number {
    return this.#listeners.size;
  }

  /** Adds `listener`; the subscription removes it. */
  add(listener: WakeListener): WakeSubscription {
    this.#listeners.add(listener);
    return { close: () => void this.#listeners.delete(listener) };
  }

  /** Delivers a wake-up for `billId` (and its sealed change, if any) to every listener. */
  wake(billId: string, sealed?: string): void {
    for (const listener of this.#listeners) listener.onWake(billId, sealed);
  }

  /** Tells every listener that wake-ups may have been lost. */
  reconnected(): void {
    for (const listener of this.#listeners) listener.onReconnect();
  }
}
