/** A fake `navigator.locks` (exclusive locks only) that records the names requested; shared by "tabs" in one test. */
export function fakeWebLocks(): LockManager & { requested: string[] } {
  const tails = new Map<string, Promise<unknown>>();
  const requested: string[] = [];
  const request = (name: string, ...rest: unknown[]): Promise<unknown> => {
    const callback = rest[rest.length - 1] as (lock: Lock | null) => unknown;
    const signal = rest.length === 2 ? (rest[0] as LockOptions).signal : undefined;
    requested.push(name);
    const previous = tails.get(name) ?? Promise.resolve();
    const run = new Promise((resolve, reject) => {
      const onAbort = (): void => reject(new DOMException('The lock request was aborted.', 'AbortError'));
      signal?.addEventListener('abort', onAbort, { once: true });
      void previous.then(() => {
        signal?.removeEventListener('abort', onAbort);
        if (signal?.aborted) return;
        Promise.resolve()
          .then(() => callback({ name, mode: 'exclusive' } as Lock))
          .then(resolve, reject);
      });
    });
    tails.set(
      name,
      previous.then(() => run).catch(() => undefined),
    );
    return run;
  };
  return { request, query: async () => ({ held: [], pending: [] }), requested } as unknown as LockManager & {
    requested: string[];
  };
}
