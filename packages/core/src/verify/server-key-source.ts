import type { KeySource, ResultPublicKey } from '@coinslot/protocol';

/**
 * Trust the keys the configured pay server lists at `GET /v1/keys`: fetched once, memoised, the memo dropped
 * when the fetch fails so the next result tries again. Concurrent refreshes share one fetch.
 */
export function serverKeySource(fetchKeys: () => Promise<ResultPublicKey[]>): KeySource {
  let current: Promise<ResultPublicKey[]> | undefined;
  let refreshing: Promise<ResultPublicKey[]> | undefined;

  const load = (): Promise<ResultPublicKey[]> => {
    const promise = fetchKeys();
    current = promise;
    const settle = (failed: boolean) => (): void => {
      if (refreshing === promise) refreshing = undefined;
      if (failed && current === promise) current = undefined;
    };
    promise.then(settle(false), settle(true));
    return promise;
  };

  return {
    keys({ refresh }) {
      if (refresh) return (refreshing ??= load());
      return current ?? load();
    },
  };
}
