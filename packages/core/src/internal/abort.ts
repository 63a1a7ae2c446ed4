import { CoinslotError } from '../errors/coinslot-error.js';

/** The error an aborted operation rejects with: the signal's own reason when core set it, else `ABORTED`. */
export function abortError(signal: AbortSignal): CoinslotError {
  const reason: unknown = signal.reason;
  if (CoinslotError.isInstance(reason)) return reason;
  return new CoinslotError('ABORTED', 'The operation was aborted.', { cause: reason });
}

/** Throw the abort error when the signal is already aborted. */
export function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) throw abortError(signal);
}

/**
 * Abort `controller` when `parent` aborts (at once if it already has), with the reason `reasonOf` gives.
 * Answers the function that stops following.
 */
export function follow(
  parent: AbortSignal | undefined,
  controller: AbortController,
  reasonOf: () => unknown,
): () => void {
  const onAbort = (): void => controller.abort(reasonOf());
  if (parent?.aborted) onAbort();
  else parent?.addEventListener('abort', onAbort, { once: true });
  return () => parent?.removeEventListener('abort', onAbort);
}

/** Resolve after `ms`, or reject with the abort error as soon as the signal aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(abortError(signal));
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortError(signal));
    };
    const timer = setTimeout(
      () => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      },
      Math.max(0, ms),
    );
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Settle with the promise, or reject with the signal's reason as soon as it aborts — so an adapter that
 * ignores its signal cannot hold a purchase open.
 */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
