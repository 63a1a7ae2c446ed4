import { follow } from '../internal/abort.js';

/** The signal an adapter gets in `ctx.signal`, and the handles core uses to end it. */
export interface ChannelSignal {
  signal: AbortSignal;
  /** True once the purchase's deadline aborted the signal. */
  deadlinePassed(): boolean;
  /** End the channel's part: abort the signal (if it is not already) and stop the deadline timer. */
  end(): void;
}

/**
 * The adapter's signal for one purchase. It aborts when the caller aborts or core is disposed (following
 * `operation`), when the deadline passes, and when the purchase ends whatever the outcome — so an adapter
 * that keeps a window or listener after `pay()` resolved knows when to clean up.
 */
export function channelSignal(operation: AbortSignal, deadline: number): ChannelSignal {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(
    () => {
      timedOut = true;
      controller.abort(new DOMException('The purchase deadline passed.', 'TimeoutError'));
    },
    Math.max(0, deadline - Date.now()),
  );
  const release = follow(operation, controller, () => operation.reason);
  return {
    signal: controller.signal,
    deadlinePassed: () => timedOut,
    end() {
      clearTimeout(timer);
      release();
      controller.abort(new DOMException('The purchase has ended.', 'AbortError'));
    },
  };
}
