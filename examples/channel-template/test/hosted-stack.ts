import { startPayServer, type RunningPayServer } from '@coinslot/server';
import type { StartedPayServer } from '@coinslot/testing/conformance';
import { createExampleHostedDriver } from '../src/driver/index.js';
import { startFakeProvider, type FakeProvider } from './fake-provider.js';

/** The provider's keys in these tests. In production they come from the pay server's secret store. */
export const TEST_KEYS = { apiKey: 'sk_test_5f2b8c1d9e7a', webhookSecret: 'whsec_test_0123456789abcdef' } as const;

/** A REAL pay server with the example-hosted driver, and the fake provider it talks to, both on loopback. */
export interface HostedStack extends StartedPayServer {
  provider: FakeProvider;
  payServer: RunningPayServer;
  close(): Promise<void>;
}

/**
 * Start the fake provider, then `startPayServer` from `@coinslot/server` with the template's driver (and only it),
 * exactly as a studio mounts a third-party channel.
 */
export async function startHostedStack(): Promise<HostedStack> {
  const provider = await startFakeProvider(TEST_KEYS);
  let payServer: RunningPayServer | undefined;
  try {
    payServer = await startPayServer({
      auth: { development: true },
      drivers: [createExampleHostedDriver({ providerUrl: provider.url, ...TEST_KEYS })],
      catalog: { 'conformance-item': { amount: 100, currency: 'USD' }, 'gem-pack': { amount: 499, currency: 'USD' } },
    });
  } catch (error) {
    await provider.close();
    throw error;
  }
  const running = payServer;
  return {
    url: running.url,
    trustedKeys: running.payServer.publicKeys(),
    provider,
    payServer: running,
    async close() {
      await running.close();
      await provider.close();
    },
  };
}
