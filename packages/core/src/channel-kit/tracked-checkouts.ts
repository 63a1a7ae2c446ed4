import { anySignal } from './any-signal.js';

/** The checkouts an adapter has open, from {@link trackCheckouts}. */
export interface TrackedCheckouts {
  /**
   * Runs one checkout with a signal that aborts when `signal` (the purchase's `ctx.signal`) aborts or when
   * {@link abortAll} is called, whichever comes first. The checkout is forgotten once it settles.
   * @returns what `checkout` returns
   */
  run<T>(signal: AbortSignal, checkout: (signal: AbortSignal) => T | Promise<T>): Promise<T>;
  /** Aborts every open checkout with `reason`: an adapter's `dispose()` passes a `DISPOSED` `CoinslotError`. */
  abortAll(reason: unknown): void;
}

/**
 * Keeps track of the checkouts an adapter has open, so that its `dispose()` can end them: each gets a signal of its
 * own (through {@link anySignal}, since `AbortSignal.any` is missing in Safari < 17.4, Chrome < 116, Firefox < 124).
 * Make one per adapter instance, in its `createXChannel()`.
 *
 * @example
 * ```ts
 * const checkouts = trackCheckouts();
 * return defineChannel({
 *   async pay(ctx) {
 *     return checkouts.run(ctx.signal, (signal) => showCheckout(ctx.launch, signal));
 *   },
 *   dispose() {
 *     checkouts.abortAll(new CoinslotError('DISPOSED', 'The my-pay channel was disposed'));
 *   },
 * });
 * ```
 */
export function trackCheckouts(): TrackedCheckouts {
  const open = new Set<AbortController>();
  return {
    async run(signal, checkout) {
      const controller = new AbortController();
      open.add(controller);
      try {
        return await checkout(anySignal([signal, controller.signal]));
      } finally {
        open.delete(controller);
      }
    },
    abortAll(reason) {
      for (const controller of open) controller.abort(reason);
      open.clear();
    },
  };
}
