import type { PayServerLogger } from '../../options.js';
import { reconnectDelay } from '../reconnect-delay.js';
import { SendFailures } from '../send-failures.js';
import type { WakeBus, WakeListener, WakeSubscription } from '../wake-bus.js';
import { WakeListeners } from '../wake-listeners.js';
import { loadIoredis, type RedisConnection, type RedisConstructor } from './redis-driver.js';
import { decodeWake, encodeWake } from '../wake-wire.js';

/** Options of {@link RedisWakeBus.open}. */
export interface RedisWakeBusOptions {
  /** `redis://[:password@]host:6379[/db]` or `rediss://…` (TLS). */
  url: string;
  /**
   * Put before the channel name (`<prefix>wake`), so several deployments (or tests) can share one Redis: the
   * instances of one deployment must use the same. @default 'coinslot:'
   */
  prefix?: string;
  /** The longest pause between reconnect attempts, in ms. @default 500 */
  maxReconnectDelayMs?: number;
  /** Told when the subscriber reconnects and when wake-ups cannot be sent. @default silent */
  logger?: Pick<PayServerLogger, 'warn' | 'info'>;
  /** Loads ioredis's `Redis`. @default `import('ioredis')` */
  loadDriver?: () => Promise<RedisConstructor>;
}

const silent = { warn() {}, info() {} };

/** Redis URLs may carry a password: keep it out of messages. */
function describeRedis(url: string): string {
  if (!URL.canParse(url)) return 'the Redis server';
  const parsed = new URL(url);
  parsed.password = '';
  parsed.username = '';
  return parsed.toString();
}

/**
 * The wake-up bus over Redis pub/sub (through the optional dependency `ioredis`). Each instance keeps a dedicated
 * subscriber connection (a subscribed connection can do nothing else) and a second one that publishes the bill id
 * after the change's commit. Pub/sub is at-most-once: a message published while a subscriber is away is gone, so
 * when the subscriber reconnects it subscribes again and only then tells every held wait to re-read. Nothing is
 * stored in Redis.
 */
export class RedisWakeBus implements WakeBus {
  readonly kind = 'redis';
  readonly #listeners = new WakeListeners();
  readonly #failures: SendFailures;
  #closed = false;

  private constructor(
    private readonly subscriber: RedisConnection,
    private readonly publisher: RedisConnection,
    /** The pub/sub channel: `<prefix>wake`. */
    readonly channel: string,
    /** The subscriber's client name, `coinslot-wake-sub:<pid>:<prefix>` (`CLIENT LIST` shows it). */
    readonly subscriberName: string,
    private readonly logger: Pick<PayServerLogger, 'warn' | 'info'>,
  ) {
    this.#failures = new SendFailures('the Redis wake-up bus', logger);
  }

  /** Connects both connections and subscribes; rejects when Redis cannot be reached. */
  static async open(options: RedisWakeBusOptions): Promise<RedisWakeBus> {
    const prefix = options.prefix ?? 'coinslot:';
    if (/\s/.test(prefix)) throw new Error(`prefix must not contain spaces, not ${JSON.stringify(prefix)}`);
    const Redis = await (options.loadDriver ?? loadIoredis)();
    const maxDelay = options.maxReconnectDelayMs ?? 500;
    const connection = (name: string, maxRetriesPerRequest: number | null) =>
      new Redis(options.url, {
        lazyConnect: true,
        connectionName: name,
        autoResubscribe: false,
        maxRetriesPerRequest,
        retryStrategy: (times) => reconnectDelay(times, maxDelay),
        connectTimeout: 10_000,
      });
    // The pid tells the instances apart in CLIENT LIST (and lets an operator or a test end one subscriber).
    const subscriberName = `coinslot-wake-sub:${process.pid}:${prefix}`;
    const subscriber = connection(subscriberName, null);
    // A publish waits for one reconnect at most: a wake-up held longer is worth less than the memory it keeps.
    const publisher = connection(`coinslot-wake-pub:${process.pid}:${prefix}`, 1);
    const bus = new RedisWakeBus(subscriber, publisher, `${prefix}wake`, subscriberName, options.logger ?? silent);
    try {
      await bus.#start();
    } catch (error) {
      subscriber.disconnect();
      publisher.disconnect();
      throw new Error(`cannot listen for wake-ups at ${describeRedis(options.url)}: ${(error as Error).message}`, {
        cause: error,
      });
    }
    return bus;
  }

  async #start(): Promise<void> {
    const { subscriber, publisher } = this;
    // Without an error listener ioredis prints every failed reconnect; the bus logs what matters itself.
    subscriber.on('error', () => undefined);
    publisher.on('error', () => undefined);
    await Promise.all([subscriber.connect(), publisher.connect()]);
    subscriber.on('message', (channel, message) => {
      if (channel !== this.channel) return;
      const { billId, sealed } = decodeWake(message);
      this.#listeners.wake(billId, sealed);
    });
    await subscriber.subscribe(this.channel);
    subscriber.on('close', () => {
      if (!this.#closed) this.logger.warn('the Redis wake-up subscriber lost its connection; connecting again');
    });
    subscriber.on('ready', () => void this.#resubscribe());
  }

  /** After a reconnect: subscribe, then re-read (what was published meanwhile is lost). */
  async #resubscribe(): Promise<void> {
    try {
      await this.subscriber.subscribe(this.channel);
    } catch {
      return; // the connection broke again: the next 'ready' tries again
    }
    if (this.#closed) return;
    this.logger.info('the Redis wake-up subscriber is back; held waits re-read their bills');
    this.#listeners.reconnected();
  }

  async publish(billId: string, sealed?: string): Promise<void> {
    if (this.#closed) return;
    try {
      await this.publisher.publish(this.channel, encodeWake(billId, sealed));
      this.#failures.succeeded();
    } catch (error) {
      this.#failures.failed(error);
    }
  }

  async subscribe(listener: WakeListener): Promise<WakeSubscription> {
    return this.#listeners.add(listener);
  }

  /** Closes both connections at once. Safe to call twice. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.subscriber.disconnect();
    this.publisher.disconnect();
  }
}
