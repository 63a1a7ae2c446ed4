import type { WaiterRegistry } from '../waits/waiter-registry.js';
import type { ChangeSeal } from './change-seal.js';
import type { WakeListener } from './wake-bus.js';

/**
 * What a pay server subscribes to its bus: a wake-up ends the holds on that bill (each re-reads the store, unless the
 * message carries a change sealed by an instance sharing this one's secret that replaced exactly the bill the hold
 * last read; its own echo finds them already woken or re-holding), and a reconnect ends every hold, since wake-ups
 * may have been lost. A sealed change is read only when this instance holds a wait for the bill, and checked by the
 * hold it woke, against that hold's own last read.
 */
export function wakeWaiters(waiters: WaiterRegistry, seal?: ChangeSeal): WakeListener {
  return {
    onWake: (billId, sealed) => {
      const opened = sealed !== undefined && seal !== undefined && waiters.holds(billId);
      waiters.wake(billId, opened ? seal.open(billId, sealed) : undefined);
    },
    onReconnect: () => void waiters.wakeAll(),
  };
}
