import { startPayServer, type RunningPayServer, type StartPayServerOptions } from '@coinslot/server';
import type { StartedPayServer } from '@coinslot/testing/conformance';
import { startWechatPayEmulator, type WechatPayEmulator } from '@coinslot/testing/emulators';
import { createWechatPayDriver } from '../src/server/index.js';

/** Prices in fen: Native pay takes CNY only. */
export const CATALOG = {
  'conformance-item': { amount: 100, currency: 'CNY' },
  'gem-pack': { amount: 600, currency: 'CNY' },
};

/** One clock for the pay server and the emulator, which a test can move forward. */
export interface TestClock {
  now(): number;
  advance(ms: number): void;
}

export function testClock(): TestClock {
  let offset = 0;
  return { now: () => Date.now() + offset, advance: (ms) => void (offset += ms) };
}

/** A REAL pay server with the WeChat Pay driver (and only it), and the emulator it talks to, both on loopback. */
export interface WechatPayStack extends StartedPayServer {
  url: string;
  emulator: WechatPayEmulator;
  payServer: RunningPayServer;
  clock: TestClock;
  /** Why the pay server refused each notification it refused, oldest first (from its log). */
  refusals: string[];
  /** The bill as the pay server stores it (development auth: no credential needed). */
  bill(id: string): Promise<Record<string, unknown> & { state: string; refundedAmount?: number }>;
  close(): Promise<void>;
}

/**
 * Start the emulator, then `startPayServer` from `@coinslot/server` with `createWechatPayDriver` pointed at it — as a
 * studio mounts the channel — sharing one movable clock. `server` overrides pay-server options (e.g. `query`).
 */
export async function startWechatPayStack(
  server: Partial<StartPayServerOptions> = {},
  driver: { apiV2Key?: false } = {},
): Promise<WechatPayStack> {
  const clock = testClock();
  const emulator = await startWechatPayEmulator({ now: clock.now });
  const { apiV2Key, ...driverOptions } = emulator.driverOptions();
  const refusals: string[] = [];
  const logger = {
    info() {},
    error() {},
    warn(message: string, data?: { reason?: string }) {
      if (message === 'notification refused' && data?.reason) refusals.push(data.reason);
    },
  };
  let payServer: RunningPayServer;
  try {
    payServer = await startPayServer({
      auth: { development: true },
      drivers: [createWechatPayDriver({ ...driverOptions, ...(driver.apiV2Key === false ? {} : { apiV2Key }) })],
      catalog: CATALOG,
      now: clock.now,
      logger,
      // The query fallback at test speed: a bill is asked about 1.5 s after creation and 1 s after expiry.
      query: { checkpointsMs: [1_500], afterExpiryMs: 1_000, intervalMs: 200 },
      ...server,
    });
  } catch (error) {
    await emulator.stop();
    throw error;
  }
  const running = payServer;
  return {
    url: running.url,
    trustedKeys: running.payServer.publicKeys(),
    emulator,
    payServer: running,
    clock,
    refusals,
    async bill(id) {
      const response = await fetch(`${running.url}/v1/bills/${id}`);
      if (!response.ok) throw new Error(`GET /v1/bills/${id} answered ${response.status}`);
      return ((await response.json()) as { bill: never }).bill;
    },
    async close() {
      await running.close();
      await emulator.stop();
    },
  };
}
