// The suite's own timers use the functions as they were when it loaded, so its leak tracker (which patches
// the globals during a check) never counts the suite's own waiting against the adapter.
const realSetTimeout = globalThis.setTimeout.bind(globalThis);
const realClearTimeout = globalThis.clearTimeout.bind(globalThis);

/** Resolve after `ms`. */
export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => realSetTimeout(resolve, ms));
}

/** Settle with `promise`, or resolve `timedOut` when `ms` pass first. */
export function within<T, U>(promise: Promise<T>, ms: number, timedOut: U): Promise<T | U> {
  return new Promise<T | U>((resolve, reject) => {
    const timer = realSetTimeout(() => resolve(timedOut), ms);
    promise.then(
      (value) => {
        realClearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        realClearTimeout(timer);
        reject(error);
      },
    );
  });
}

/** The time in ms. */
export const now = (): number => Date.now();
