import type { PgNamedQuery } from '../../store/postgres/postgres-driver.js';
import type { SendFailures } from '../send-failures.js';
import { encodeWake } from '../wake-wire.js';

/**
 * Each message of `$2` (a JSON array of strings) as one notification on channel `$1`, in one statement (so one
 * commit). JSON rather than a `text[]`: pg writes an array parameter by escaping every character of every message in
 * JavaScript (≈ 4 % of a notified instance's CPU with sealed changes, which are mostly quotes), `JSON.stringify` is
 * native, and PostgreSQL reads it in C.
 */
const NOTIFY_EACH = 'SELECT pg_notify($1, message) FROM json_array_elements_text($2::json) AS message';
/** Its name: prepared once per connection, then only bound and run (no parse and plan per wake-up). */
const NOTIFY_EACH_NAME = 'coinslot_wake_notify_json';

/** Where the statements go: the bus's pool. */
export interface NamedQueryRunner {
  query(query: PgNamedQuery): Promise<unknown>;
}

/**
 * Sends `NOTIFY`s on one channel, each in a statement of its own after the change's commit — never inside the bill's
 * transaction, where it would hold PostgreSQL's notify lock through the commit (≈4.5× fewer commits a second,
 * ../shared/ENVIRONMENT.md). One statement is in flight at a time; the ids published meanwhile go together in the
 * next one, so a burst costs one commit, not one per bill.
 */
export class NotifySender {
  /** The message to send per bill: a bill changed twice before the next statement is told once, of its last change. */
  #pending = new Map<string, string>();
  #waiting: Array<() => void> = [];
  #flight: Promise<void> | undefined;

  constructor(
    private readonly database: NamedQueryRunner,
    private readonly channel: string,
    private readonly failures: SendFailures,
  ) {}

  /**
   * Queues `billId` (with its sealed change, bus/wake-wire.ts); resolves once the statement carrying it ran (or failed,
   * logged).
   */
  send(billId: string, sealed?: string): Promise<void> {
    this.#pending.set(billId, encodeWake(billId, sealed));
    const sent = new Promise<void>((resolve) => this.#waiting.push(resolve));
    this.#flight ??= this.#drain();
    return sent;
  }

  /** Resolves once nothing is queued or in flight. */
  async idle(): Promise<void> {
    while (this.#flight) await this.#flight;
  }

  /** Once more on a failure: the pool's idle connection may have broken unseen (PostgreSQL restarted). */
  async #notify(messages: string[]): Promise<void> {
    const statement = { name: NOTIFY_EACH_NAME, text: NOTIFY_EACH, values: [this.channel, JSON.stringify(messages)] };
    try {
      await this.database.query(statement);
    } catch {
      await this.database.query(statement);
    }
  }

  async #drain(): Promise<void> {
    while (this.#pending.size > 0) {
      const messages = [...this.#pending.values()];
      const waiting = this.#waiting;
      this.#pending = new Map();
      this.#waiting = [];
      try {
        await this.#notify(messages);
        this.failures.succeeded();
      } catch (error) {
        this.failures.failed(error);
      }
      for (const resolve of waiting) resolve();
    }
    this.#flight = undefined;
  }
}
