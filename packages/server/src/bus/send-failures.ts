import type { PayServerLogger } from '../options.js';

/**
 * Logs a bus's failures once per streak rather than once per wake-up (a bus down while 500 bills a second change
 * would bury the log): the first failure warns, the first success after it says the bus is back.
 */
export class SendFailures {
  #failing = false;

  constructor(
    private readonly what: string,
    private readonly logger: Pick<PayServerLogger, 'warn' | 'info'>,
  ) {}

  /** A send failed. */
  failed(error: unknown): void {
    if (this.#failing) return;
    this.#failing = true;
    this.logger.warn(
      `${this.what}: wake-ups are not sent (waits on other instances see changes when their hold ends)`,
      { error: (error as Error)?.message ?? String(error) },
    );
  }

  /** A send went through. */
  succeeded(): void {
    if (!this.#failing) return;
    this.#failing = false;
    this.logger.info(`${this.what}: wake-ups are sent again`);
  }
}
