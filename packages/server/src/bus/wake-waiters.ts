import type { WaiterRegistry } from '../waits/waiter-registry.js';
import type { WakeListener } from './wake-bus.js';

/**
 * What a pay server subscribes to its bus: a wake-up ends the holds on that bill (each re-reads the store; its own
 * echo finds them already woken or re-holding), and a reconnect ends every hold, since wake-ups may have been lost.
 */
export function wakeWaiters(waiters: WaiterRegistry): WakeListener {
  return {
    onWake: (billId) => void waiters.wake(billId),
    onReconnect: () => void waiters.wakeAll(),
  };
}
