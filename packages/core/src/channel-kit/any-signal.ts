/**
 * A signal that aborts as soon as one of `signals` aborts, with that signal's reason: `AbortSignal.any` where the
 * runtime has it, else the same with listeners (Safari < 17.4, Chrome < 116, Firefox < 124 and some edge runtimes
 * lack `AbortSignal.any`).
 *
 * The fallback removes every listener it added once the result aborts, whichever signal caused it. Until then the
 * listeners stay on the sources, so pass at least one signal that is sure to abort in the end — an adapter's
 * `ctx.signal` is: core aborts it when the purchase ends, whatever the outcome.
 *
 * @example
 * ```ts
 * const controller = new AbortController(); // the adapter's own, aborted by dispose()
 * const signal = anySignal([ctx.signal, controller.signal]);
 * ```
 */
export function anySignal(signals: readonly AbortSignal[]): AbortSignal {
  const native = (AbortSignal as { any?: (signals: AbortSignal[]) => AbortSignal }).any;
  if (typeof native === 'function') return native.call(AbortSignal, [...signals]);
  const controller = new AbortController();
  const aborted = signals.find((signal) => signal.aborted);
  if (aborted) {
    controller.abort(aborted.reason);
    return controller.signal;
  }
  const onAbort = (event: Event): void => {
    for (const signal of signals) signal.removeEventListener('abort', onAbort);
    controller.abort((event.target as AbortSignal).reason);
  };
  for (const signal of signals) signal.addEventListener('abort', onAbort);
  return controller.signal;
}
