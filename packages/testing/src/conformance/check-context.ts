import {
  createCoinslot,
  type Coinslot,
  type EnvironmentContext,
  type PaymentInterface,
  type Platform,
} from '@coinslot/core';
import type { CallSites } from './call-site.js';
import type { ConformanceCheckId, ConformanceScenario } from './conformance-options.js';
import type { RejectionMonitor } from './rejection-monitor.js';
import type { ResolvedConformanceOptions } from './resolve-conformance-options.js';
import { within } from './suite-clock.js';
import type { SuiteServer } from './suite-server.js';

/** What every check gets from the harness. */
export interface CheckContext {
  options: ResolvedConformanceOptions;
  server: SuiteServer;
  monitor: RejectionMonitor;
  sites: CallSites;
  /** A fresh adapter from `options.channel()`. */
  newAdapter(): Promise<PaymentInterface<unknown>>;
  /** A Coinslot with only this channel, on the suite's server; disposed after the check. */
  coinslot(
    channel: PaymentInterface<unknown>,
    scenario: ConformanceScenario,
    fetcher?: typeof globalThis.fetch,
  ): Coinslot;
  /** What `isAvailable` and `init` receive on `platform` (default: the environment's). */
  environment(platform?: Platform): EnvironmentContext;
  /** Run after the check, pass or fail. */
  defer(cleanup: () => unknown): void;
}

/** One check of the suite. */
export interface ConformanceCheck {
  id: ConformanceCheckId;
  /** The test's title. */
  title: string;
  /**
   * Why the check does not apply to `adapter` (one `channel()` made) in this environment, or `undefined` when it
   * does. A check that does not apply is never run. Reads the adapter defensively: it may break the contract.
   */
  notApplicable?(
    adapter: Partial<PaymentInterface<unknown>> | undefined,
    options: ResolvedConformanceOptions,
  ): string | undefined;
  /** Resolves when the check passes; throws a `ConformanceFailure` when it fails. */
  run(ctx: CheckContext): Promise<void>;
}

const silent = { debug() {}, warn() {}, error() {} };

/** The context for one check, and the cleanup to run after it. */
export function createCheckContext(base: Pick<CheckContext, 'options' | 'server' | 'monitor' | 'sites'>): {
  ctx: CheckContext;
  cleanup(): Promise<void>;
} {
  const cleanups: Array<() => unknown> = [];
  const { options, server } = base;
  const ctx: CheckContext = {
    ...base,
    newAdapter: async () => (await options.channel()) as PaymentInterface<unknown>,
    coinslot(channel, scenario, fetcher) {
      const id = channel.id;
      const coinslot = createCoinslot({
        server: server.url,
        channels: { [id]: async () => ({ default: channel }) },
        channelOptions: { [id]: options.channelOptions?.(scenario) },
        platform: options.environment.platform,
        defaultDeadlineMs: options.timing.purchaseMs,
        retryLimit: 1,
        ...(server.trustedKeys ? { trustedKeys: server.trustedKeys } : {}),
        ...(fetcher ? { fetch: fetcher } : {}),
      });
      cleanups.push(() => within(coinslot.dispose(), 2_000, undefined));
      return coinslot;
    },
    environment: (platform = options.environment.platform) => ({ platform, serverUrl: server.url, logger: silent }),
    defer: (cleanup) => void cleanups.push(cleanup),
  };
  return {
    ctx,
    async cleanup() {
      for (const cleanup of cleanups.splice(0).reverse())
        await Promise.resolve()
          .then(cleanup)
          .catch(() => undefined);
    },
  };
}
