import { InProcessWakeBus, PostgresWakeBus, RedisWakeBus, type WakeBus, type WakeListener } from '../src/index.js';
import { freshSchemaName, TEST_DATABASE_URL } from './postgres-test-database.js';
import { freshRedisPrefix, testRedisUrl } from './redis-test-service.js';

/** A medium the buses of several instances share (one schema, one key prefix); `open` makes one instance's bus. */
export interface BusMedium {
  open(): Promise<WakeBus>;
}

/** One {@link WakeBus} implementation the bus contract runs against. */
export interface BusKind {
  name: string;
  /** A fresh medium, shared by the buses it opens and by nobody else. */
  medium(): Promise<BusMedium>;
}

const opened: WakeBus[] = [];
const track = async (bus: Promise<WakeBus>) => {
  const open = await bus;
  opened.push(open);
  return open;
};

/** Every bus the server ships. */
export const BUS_KINDS: BusKind[] = [
  {
    name: 'InProcessWakeBus',
    medium: async () => {
      const bus = new InProcessWakeBus();
      return { open: async () => bus };
    },
  },
  {
    name: 'PostgresWakeBus',
    medium: async () => {
      const schema = freshSchemaName(); // only its name: the channel; nothing is created
      return { open: () => track(PostgresWakeBus.open({ connectionString: TEST_DATABASE_URL, schema })) };
    },
  },
  {
    name: 'RedisWakeBus',
    medium: async () => {
      const url = await testRedisUrl();
      const prefix = freshRedisPrefix();
      return { open: () => track(RedisWakeBus.open({ url, prefix })) };
    },
  },
];

/** Closes every bus the kinds opened (call in `afterEach`). */
export async function closeOpenedBuses(): Promise<void> {
  await Promise.all(opened.splice(0).map((bus) => bus.close()));
}

/** A listener that records what it was told, and resolves waits for it. */
export class RecordingListener implements WakeListener {
  readonly woken: string[] = [];
  reconnects = 0;
  #waiters: Array<() => void> = [];

  onWake(billId: string): void {
    this.woken.push(billId);
    for (const wake of this.#waiters.splice(0)) wake();
  }

  onReconnect(): void {
    this.reconnects += 1;
    for (const wake of this.#waiters.splice(0)) wake();
  }

  /** Resolves once `check` holds, checked after every call; fails after `timeoutMs`. */
  async until(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!check()) {
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(
          `timed out waiting for ${what} (woken: ${this.woken.join(', ')}; reconnects: ${this.reconnects})`,
        );
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 100));
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }
}
