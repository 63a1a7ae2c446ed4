import type { PayServerLogger } from '../../options.js';
import type { PgPool } from '../../store/postgres/postgres-driver.js';
import { describeDatabase } from '../../store/postgres/postgres-bill-store.js';
import { SCHEMA_NAME } from '../../store/postgres/postgres-sql.js';
import { SendFailures } from '../send-failures.js';
import type { WakeBus, WakeListener, WakeSubscription } from '../wake-bus.js';
import { WakeListeners } from '../wake-listeners.js';
import { NotifySender } from './notify-sender.js';
import { loadPgBusDriver, type PgBusDriver } from './pg-bus-driver.js';
import { PgListener } from './pg-listener.js';
import { wakeChannelName } from './wake-channel-name.js';

/** Options of {@link PostgresWakeBus.open}. */
export interface PostgresWakeBusOptions {
  /** The database the instances share, usually the store's: `postgres://user:password@host:5432/database`. */
  connectionString: string;
  /**
   * The store's schema: instances over one schema wake each other, on the channel `coinslot_wake_<schema>`.
   * @default 'public'
   */
  schema?: string;
  /** How often the LISTEN connection is checked, in ms (a cut network sends no end). @default 15000 */
  probeMs?: number;
  /** The longest pause between attempts to connect the listener again, in ms. @default 500 */
  maxReconnectDelayMs?: number;
  /** Told when the listener reconnects and when wake-ups cannot be sent. @default silent */
  logger?: Pick<PayServerLogger, 'warn' | 'info'>;
  /** Loads pg's `Client` and `Pool`. @default `import('pg')` */
  loadDriver?: () => Promise<PgBusDriver>;
}

const silent = { warn() {}, info() {} };

/**
 * The wake-up bus over PostgreSQL `LISTEN/NOTIFY` (through the optional dependency `pg`): no service besides the
 * store's database. Each instance keeps one dedicated `LISTEN` connection (reconnected, then every held wait
 * re-reads) and one pooled connection that sends `NOTIFY` after the change's commit, in a statement of its own,
 * batching the bills that changed while one was in flight. The payload is the bill id; an instance receives its own
 * notifications too and handles them as any wake-up (its waits already answered, or re-hold after a read).
 */
export class PostgresWakeBus implements WakeBus {
  readonly kind = 'postgres';
  #closed: Promise<void> | undefined;

  private constructor(
    private readonly listeners: WakeListeners,
    private readonly listener: PgListener,
    private readonly pool: PgPool,
    private readonly sender: NotifySender,
    /** The `NOTIFY` channel. */
    readonly channel: string,
  ) {}

  /** Connects the listener (rejects when PostgreSQL cannot be reached) and answers the bus. */
  static async open(options: PostgresWakeBusOptions): Promise<PostgresWakeBus> {
    const schema = options.schema ?? 'public';
    if (!SCHEMA_NAME.test(schema)) {
      throw new Error(`schema must be a lower-case SQL identifier (letters, digits, _), not ${JSON.stringify(schema)}`);
    }
    const driver = await (options.loadDriver ?? loadPgBusDriver)();
    const logger = options.logger ?? silent;
    const channel = wakeChannelName(schema);
    const listeners = new WakeListeners();
    const listener = new PgListener(
      driver,
      {
        connectionString: options.connectionString,
        channel,
        probeMs: options.probeMs ?? 15_000,
        maxReconnectDelayMs: options.maxReconnectDelayMs ?? 500,
        logger,
      },
      listeners,
    );
    try {
      await listener.start();
    } catch (error) {
      throw new Error(
        `cannot listen for wake-ups at ${describeDatabase(options.connectionString)}: ${(error as Error).message}`,
        { cause: error },
      );
    }
    const pool = new driver.Pool({
      connectionString: options.connectionString,
      max: 1,
      connectionTimeoutMillis: 5000,
      application_name: 'coinslot-wake-notify',
      // A NOTIFY commits a transaction of its own; a hint need not wait for its WAL flush (an fsync per batch).
      options: '-c synchronous_commit=off',
    });
    pool.on('error', () => undefined); // an idle connection broke: the next NOTIFY opens another
    const sender = new NotifySender(pool, channel, new SendFailures('the PostgreSQL wake-up bus', logger));
    return new PostgresWakeBus(listeners, listener, pool, sender, channel);
  }

  publish(billId: string, sealed?: string): Promise<void> {
    if (this.#closed) return Promise.resolve();
    return this.sender.send(billId, sealed);
  }

  async subscribe(listener: WakeListener): Promise<WakeSubscription> {
    return this.listeners.add(listener);
  }

  /** Stops listening, sends what is queued, closes both connections. Safe to call twice. */
  close(): Promise<void> {
    this.#closed ??= (async () => {
      await this.listener.close();
      await this.sender.idle();
      await this.pool.end();
    })();
    return this.#closed;
  }
}
