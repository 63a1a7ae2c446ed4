// @ts-check
// The original design's wake-ups, as a WakeBus, for the bench's comparison only: every change is pushed onto one Redis
// list, and each instance reads what was pushed since its last read in a loop that sleeps one second between reads.
import { Redis } from 'ioredis';

/** The loop's pause, as the original design had it. */
const PERIOD_MS = 1000;

/**
 * @param {{ url: string, prefix: string }} options
 * @returns {Promise<import('@coinslot/server').WakeBus>}
 */
export async function openOneSecondReaderBus({ url, prefix }) {
  const key = `${prefix}wakes`;
  const writer = new Redis(url);
  const reader = new Redis(url);
  /** @type {Set<import('@coinslot/server').WakeListener>} */
  const listeners = new Set();
  let cursor = await reader.llen(key);
  let closed = false;
  const loop = async () => {
    while (!closed) {
      await new Promise((resolve) => setTimeout(resolve, PERIOD_MS));
      const ids = await reader.lrange(key, cursor, -1).catch(() => []);
      cursor += ids.length;
      for (const id of ids) for (const listener of listeners) listener.onWake(id);
    }
  };
  void loop();
  return {
    kind: 'redis-one-second-reader',
    publish: async (billId) => {
      await writer.rpush(key, billId).catch(() => undefined);
    },
    subscribe: async (listener) => {
      listeners.add(listener);
      return { close: () => void listeners.delete(listener) };
    },
    close: async () => {
      closed = true;
      await writer.del(key).catch(() => undefined);
      writer.disconnect();
      reader.disconnect();
    },
  };
}
