import type { PayServerLogger } from '../../options.js';
import { reconnectDelay } from '../reconnect-delay.js';
import { decodeWake } from '../wake-wire.js';
import type { WakeListeners } from '../wake-listeners.js';
import type { PgBusDriver, PgClient } from './pg-bus-driver.js';

/** Settings of a {@link PgListener}. */
export interface PgListenerOptions {
  connectionString: string;
  channel: string;
  /** How often the connection is checked (a re-`LISTEN`), and how long the check may take. */
  probeMs: number;
  maxReconnectDelayMs: number;
  logger: Pick<PayServerLogger, 'warn' | 'info'>;
}

/**
 * The bus's dedicated `LISTEN` connection (a pooled one would drop the `LISTEN` when returned): delivers every
 * notification on the channel to `listeners`. When the connection ends — PostgreSQL restarted, the backend
 * terminated, the network cut, a probe unanswered — it connects again with a growing pause, `LISTEN`s, and only then
 * tells the listeners to re-read (wake-ups sent while it was away are lost), so no change falls in between.
 */
export class PgListener {
  #client: PgClient | undefined;
  #closed = false;
  #attempt = 0;
  #retry: ReturnType<typeof setTimeout> | undefined;
  #probe: ReturnType<typeof setInterval> | undefined;
  readonly #listen: string;

  constructor(
    private readonly driver: PgBusDriver,
    private readonly options: PgListenerOptions,
    private readonly listeners: WakeListeners,
  ) {
    // The channel name is a plain lower-case identifier (wake-channel-name.ts), safe to quote as is.
    this.#listen = `LISTEN "${options.channel}"`;
  }

  /** The first connection: rejects when PostgreSQL cannot be reached, so a wrong URL fails at start. */
  async start(): Promise<void> {
    this.#client = await this.#connect();
    this.#probe = setInterval(() => void this.#check(), this.options.probeMs);
    this.#probe.unref?.();
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#retry);
    clearInterval(this.#probe);
    const client = this.#client;
    this.#client = undefined;
    await client?.end().catch(() => undefined);
  }

  async #connect(): Promise<PgClient> {
    const client = new this.driver.Client({
      connectionString: this.options.connectionString,
      application_name: 'coinslot-wake-listen',
      connectionTimeoutMillis: 10_000,
      keepAlive: true,
    });
    client.on('error', () => this.#lost(client));
    client.on('end', () => this.#lost(client));
    client.on('notification', (message) => {
      if (message.channel !== this.options.channel || !message.payload) return;
      const { billId, sealed } = decodeWake(message.payload);
      this.listeners.wake(billId, sealed);
    });
    try {
      await client.connect();
      await client.query(this.#listen);
    } catch (error) {
      client.removeAllListeners();
      client.on('error', () => undefined);
      await client.end().catch(() => undefined);
      throw error;
    }
    return client;
  }

  /** The connection broke: forget it and connect again (once per connection, whichever event came first). */
  #lost(client: PgClient): void {
    if (this.#closed || this.#client !== client) return;
    this.#client = undefined;
    client.removeAllListeners();
    client.on('error', () => undefined);
    void client.end().catch(() => undefined);
    this.options.logger.warn('the PostgreSQL wake-up listener lost its connection; connecting again');
    this.#schedule();
  }

  #schedule(): void {
    this.#attempt += 1;
    this.#retry = setTimeout(
      () => void this.#reconnect(),
      reconnectDelay(this.#attempt, this.options.maxReconnectDelayMs),
    );
    this.#retry.unref?.();
  }

  async #reconnect(): Promise<void> {
    if (this.#closed) return;
    let client: PgClient;
    try {
      client = await this.#connect();
    } catch {
      return this.#schedule();
    }
    if (this.#closed) return void client.end().catch(() => undefined);
    this.#client = client;
    this.#attempt = 0;
    this.options.logger.info('the PostgreSQL wake-up listener is back; held waits re-read their bills');
    this.listeners.reconnected();
  }

  /** A connection that stopped answering (a cut network sends no end) is ended, which reconnects. */
  async #check(): Promise<void> {
    const client = this.#client;
    if (!client) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(resolve, this.options.probeMs, 'timeout');
    });
    const answer = await Promise.race([
      client.query(this.#listen).then(
        () => 'ok' as const,
        () => 'failed' as const,
      ),
      timeout,
    ]);
    clearTimeout(timer);
    if (answer !== 'ok') this.#lost(client);
  }
}
