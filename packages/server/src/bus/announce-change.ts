import type { LocalChange } from '../waits/committed-change.js';
import type { ChangeSeal } from './change-seal.js';
import type { WakeBus } from './wake-bus.js';

/**
 * Publishes a committed change on `bus`: sealed when there is a `seal`, the id alone when there is none or sealing
 * fails (never rejects, as `publish` does not).
 */
export async function announceChange(
  bus: WakeBus,
  seal: ChangeSeal | undefined,
  billId: string,
  change: LocalChange,
): Promise<void> {
  const sealed = seal && (await seal.seal(billId, change).catch(() => undefined));
  await bus.publish(billId, sealed);
}
