/**
 * Resolves after the held waits a change just woke in this process have answered, when their answers need no I/O:
 * one turn of the event loop (`setImmediate`), after every promise already queued — a wait woken with the committed
 * bill (`CommittedChange`) signs and writes its answer within those. The route that made the change answers its own
 * caller after this, so the player's answer leaves first: measured in the bench (issue 16), the woken wait's
 * answer otherwise queued behind the channel's acknowledgement and its socket write, ≈ 0.1 ms at the median.
 *
 * Runtimes without `setImmediate` (the web entry) resolve at once: only the order of the two answers changes.
 */
export function afterWokenWaits(): Promise<void> {
  if (typeof setImmediate !== 'function') return Promise.resolve();
  return new Promise((resolve) => setImmediate(resolve));
}
