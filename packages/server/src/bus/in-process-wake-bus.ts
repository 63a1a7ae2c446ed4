import type { WakeBus, WakeListener, WakeSubscription } from './wake-bus.js';
import { WakeListeners } from './wake-listeners.js';

/**
 * The wake-up bus of one process (the default): wake-ups go to the pay servers of this process that subscribed,
 * synchronously. Nothing can be lost, so it never reconnects. A pay server without a `bus` option makes one of its
 * own; several pay servers in one process (tests, a benchmark) can share one to wake each other's waits.
 */
export class InProcessWakeBus implements WakeBus {
  readonly kind = 'in-process';
  readonly #listeners = new WakeListeners();

  async publish(billId: string, sealed?: string): Promise<void> {
    this.#listeners.wake(billId, sealed);
  }

  async subscribe(listener: WakeListener): Promise<WakeSubscription> {
    return this.#listeners.add(listener);
  }

  async close(): Promise<void> {}
}
