import type { PayContext, PaymentInterface, PayOutcome, Presentation } from '@coinslot/core';
import { now } from './suite-clock.js';

/** One `pay()` call the suite watched. */
export interface PayRecord {
  /** The context the adapter received. */
  ctx: PayContext;
  /** When `pay()` was called. */
  startedAt: number;
  /** When it settled, once it did. */
  settledAt?: number;
  /** What it resolved with. */
  outcome?: PayOutcome;
  /** What it rejected with (or threw). */
  error?: unknown;
  /** Resolves (never rejects) when `pay()` settles. */
  settled: Promise<void>;
}

/** How the suite changes and watches one adapter's payments. */
export interface Instrumentation {
  /** Runs right after the adapter's `pay()` started. */
  onPay?(record: PayRecord): void;
  /** Replaces `ctx.presentation`. */
  presentation?: Presentation;
  /** Hands this window as `ctx.window`. */
  window?: Window | null;
}

/**
 * The adapter as core sees it, with `pay()` watched. Every other member reads through to the adapter, so core's
 * own checks (shape, spec version, id, capabilities) judge the adapter itself.
 */
export function instrumentChannel(
  adapter: PaymentInterface<unknown>,
  instrumentation: Instrumentation = {},
): { channel: PaymentInterface<unknown>; pays: PayRecord[] } {
  const pays: PayRecord[] = [];
  const through = <K extends 'isAvailable' | 'init' | 'dispose'>(key: K): PaymentInterface<unknown>[K] => {
    const method = adapter[key] as unknown;
    return (
      typeof method === 'function'
        ? (...args: unknown[]) => (method as (...a: unknown[]) => unknown).apply(adapter, args)
        : method
    ) as PaymentInterface<unknown>[K];
  };
  const pay = (ctx: PayContext): Promise<PayOutcome> => {
    const given: PayContext = {
      ...ctx,
      ...(instrumentation.presentation === undefined ? {} : { presentation: instrumentation.presentation }),
      ...(instrumentation.window === undefined ? {} : { window: instrumentation.window }),
    };
    let payment: Promise<PayOutcome>;
    try {
      payment = Promise.resolve(adapter.pay(given));
    } catch (error) {
      payment = Promise.reject(error);
    }
    const record: PayRecord = { ctx: given, startedAt: now(), settled: Promise.resolve() };
    record.settled = payment.then(
      (outcome) => void Object.assign(record, { outcome, settledAt: now() }),
      (error: unknown) => void Object.assign(record, { error, settledAt: now() }),
    );
    pays.push(record);
    instrumentation.onPay?.(record);
    return payment;
  };
  const channel = {
    get specVersion() {
      return adapter.specVersion;
    },
    get id() {
      return adapter.id;
    },
    get resultSource() {
      return adapter.resultSource;
    },
    get capabilities() {
      return adapter.capabilities;
    },
    isAvailable: through('isAvailable'),
    init: through('init'),
    pay: typeof adapter.pay === 'function' ? pay : adapter.pay,
    dispose: through('dispose'),
  } as PaymentInterface<unknown>;
  return { channel, pays };
}
