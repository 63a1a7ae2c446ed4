import type { Bill } from '@coinslot/core';
import { type RunningPayServer, type StartPayServerOptions, startPayServer } from '@coinslot/server';
import type { StartedPayServer } from '@coinslot/testing/conformance';
import { type AlipayEmulator, startAlipayEmulator } from '@coinslot/testing/emulators';
import type { AlipayFlow } from '../src/index.js';
import { createAlipayDriver } from '../src/server/index.js';

/** The catalog of these tests: Alipay charges CNY, in fen. */
export const CATALOG = {
  'conformance-item': { amount: 100, currency: 'CNY' },
  'gem-pack': { amount: 1234, currency: 'CNY' },
} as const;

/** One clock for the pay server and the emulator, which a test moves forward (expiry, replays). */
export interface TestClock {
  now(): number;
  advance(ms: number): void;
}

export function testClock(): TestClock {
  let offset = 0;
  return { now: () => Date.now() + offset, advance: (ms) => void (offset += ms) };
}

/** A REAL pay server whose only driver is this package's Alipay driver, and the Alipay emulator it talks to. */
export interface AlipayStack extends StartedPayServer {
  url: string;
  emulator: AlipayEmulator;
  payServer: RunningPayServer;
  driver: ReturnType<typeof createAlipayDriver>;
  clock: TestClock;
  /** Reads a bill straight from the pay server (development auth). */
  bill(id: string): Promise<Bill>;
  close(): Promise<void>;
}

/**
 * Starts the emulator, then `startPayServer` from `@coinslot/server` with `createAlipayDriver` pointed at the
 * emulator's gateway (and nothing else: no request leaves loopback).
 */
export async function startAlipayStack(
  flow: AlipayFlow = 'page',
  { clock = testClock(), server = {} }: { clock?: TestClock; server?: Partial<StartPayServerOptions> } = {},
): Promise<AlipayStack> {
  const emulator = await startAlipayEmulator({ now: clock.now });
  const driver = createAlipayDriver({
    appId: emulator.appId,
    appPrivateKey: emulator.appPrivateKey!,
    alipayPublicKey: emulator.alipayPublicKey,
    gateway: emulator.gateway,
    flow,
  });
  let payServer: RunningPayServer;
  try {
    payServer = await startPayServer({
      auth: { development: true },
      drivers: [driver],
      catalog: CATALOG,
      now: clock.now,
      sweepIntervalMs: 100,
      ...server,
    });
  } catch (error) {
    await emulator.close();
    throw error;
  }
  return {
    url: payServer.url,
    trustedKeys: payServer.payServer.publicKeys(),
    emulator,
    payServer,
    driver,
    clock,
    async bill(id) {
      const response = await fetch(`${payServer.url}/v1/bills/${id}`);
      if (!response.ok) throw new Error(`GET /v1/bills/${id} answered ${response.status}`);
      return ((await response.json()) as { bill: Bill }).bill;
    },
    async close() {
      await payServer.close();
      await emulator.close();
    },
  };
}
