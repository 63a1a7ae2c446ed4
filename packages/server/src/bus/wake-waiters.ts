import type { WaiterRegistry } from '../waits/waiter-registry.js';
import type { ChangeSeal } from './change-seal.js';
import type { WakeListener } from './wake-bus.js';

/**
 * What a pay server subscribes to its bus: a wake-up ends the holds on that bill (each re-reads the store, unless the
 * message carries a change sealed by an instance sharing this one's secret that replaced exactly the bill the hold
 * last read; its own echo finds them already woken or re-holding), and a reconnect ends every hold, since wake-ups
 * may have been lost. A sealed change is opened only when this instance holds a wait for the bill.
 */
export function wakeWaiters(waiters: WaiterRegistry, seal?: ChangeSeal): WakeListener {
  return {
    onWake: (billId, sealed) => {
      if (sealed === undefined || seal === undefined || !waiters.holds(billId)) return void waiters.wake(billId);
      void seal.open(billId, sealed).then(
        (change) => waiters.wake(billId, change),
        () => waiters.wake(billId),
      );
    },
    onReconnect: () => void waiters.wakeAll(),
  };
}
