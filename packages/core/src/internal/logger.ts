import type { ChannelLogger } from '../contract/payment-interface.js';

const noop = (): void => undefined;

/** The default logger: says nothing. */
export const silentLogger: ChannelLogger = { debug: noop, warn: noop, error: noop };

/** A logger that prefixes every message, e.g. `[coinslot:sandbox]`, and never lets the app's logger throw into core. */
export function prefixedLogger(base: ChannelLogger, prefix: string): ChannelLogger {
  const wrap =
    (level: keyof ChannelLogger) =>
    (message: string, data?: Record<string, unknown>): void => {
      try {
        base[level](`[${prefix}] ${message}`, data);
      } catch {
        // A broken logger must not break a payment.
      }
    };
  return { debug: wrap('debug'), warn: wrap('warn'), error: wrap('error') };
}
