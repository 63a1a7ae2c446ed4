import { CoinslotError } from '../errors/coinslot-error.js';
import { follow } from './abort.js';

/** One operation's signal: follows the caller's signal (→ `ABORTED`) and the instance's dispose signal (→ `DISPOSED`). */
export interface OperationSignal {
  signal: AbortSignal;
  /** Detach from the followed signals; call when the operation ends. */
  release(): void;
}

/** The operations one Coinslot instance is running, all aborted together when it is disposed. */
export interface Operations {
  /** The instance's dispose signal, aborted with a `DISPOSED` error. */
  readonly disposed: AbortSignal;
  /** Start the signal of one purchase, resume, delivery or recovery, so every await it makes stops together. */
  start(caller: AbortSignal | undefined): OperationSignal;
}

/**
 * The live operations of one instance. ONE `abort` listener on the dispose signal aborts them all, so any number of
 * concurrent operations adds no listener to it (no `MaxListenersExceededWarning`) and an operation's release is a
 * `Set` delete, not a search of the signal's listener list. Per instance: nothing outlives its Coinslot.
 */
export function createOperations(disposed: AbortSignal): Operations {
  const live = new Set<AbortController>();
  disposed.addEventListener(
    'abort',
    () => {
      // A copy: an aborted operation may release itself (delete from the set) while this runs.
      const all = [...live];
      live.clear();
      for (const controller of all) controller.abort(disposed.reason);
    },
    { once: true },
  );
  return {
    disposed,
    start(caller) {
      const controller = new AbortController();
      const releaseCaller = follow(
        caller,
        controller,
        () => new CoinslotError('ABORTED', 'The operation was aborted by the caller.', { cause: caller?.reason }),
      );
      if (disposed.aborted) controller.abort(disposed.reason);
      else live.add(controller);
      return {
        signal: controller.signal,
        release() {
          releaseCaller();
          live.delete(controller);
        },
      };
    },
  };
}
