import type { PayServerOptions } from '../src/index.js';
import { startTestServer, type TestServer } from './helpers.js';
import { openStore, type StoreKind } from './store-kinds.js';

/**
 * {@link startTestServer} on a fresh store of `kind` (unless the options name a store), for a suite that runs once
 * per store the server ships (`describe.each(STORE_KINDS)`). The store is thrown away by `closeOpenedStores`, which
 * the suite calls in `afterEach` after `closeAllServers`.
 */
export function startsOn(kind: StoreKind): (options?: Partial<PayServerOptions>) => Promise<TestServer> {
  return async (options = {}) => startTestServer({ store: options.store ?? (await openStore(kind)), ...options });
}
