import { CallSites } from './call-site.js';
import { createCheckContext } from './check-context.js';
import { ConformanceFailure, describeError } from './conformance-failure.js';
import { CHECKS } from './conformance-checks.js';
import type { ChannelConformanceOptions, ConformanceCheckId } from './conformance-options.js';
import { RejectionMonitor } from './rejection-monitor.js';
import { resolveConformanceOptions } from './resolve-conformance-options.js';
import { startSuiteServer } from './suite-server.js';

/** How one check ended when it did not fail. */
export type CheckOutcome = { status: 'passed' } | { status: 'skipped'; reason: string };

/**
 * The conformance suite without a test runner: start it, run checks one by one, close it.
 * `runChannelConformance` is this harness registered as vitest tests.
 */
export interface ConformanceHarness {
  /** Run one check. Resolves when it passes or does not apply; rejects with a {@link ConformanceFailure} when it fails. */
  run(check: ConformanceCheckId): Promise<CheckOutcome>;
  /** Stop the pay server and the rejection monitor. */
  close(): Promise<void>;
}

/**
 * Start the suite: check the options, learn the channel's id, start the pay server (the double by default)
 * and begin watching for unhandled rejections.
 * @throws TypeError for wrong options, before anything starts.
 */
export async function createConformanceHarness(options: ChannelConformanceOptions): Promise<ConformanceHarness> {
  const resolved = resolveConformanceOptions(options);
  const probe = (await resolved.channel()) as { id?: unknown; dispose?: () => unknown } | undefined;
  await Promise.resolve().then(() => probe?.dispose?.()).catch(() => undefined);
  const sites = await CallSites.locate();
  const monitor = new RejectionMonitor();
  monitor.start();
  const server = await startSuiteServer(resolved.server, probe?.id).catch((error: unknown) => {
    monitor.stop();
    throw error;
  });
  return {
    async run(id) {
      const check = CHECKS.find((candidate) => candidate.id === id);
      if (check === undefined) throw new TypeError(`Unknown conformance check "${id}"`);
      const skip = resolved.skip[id];
      if (skip !== undefined) return { status: 'skipped', reason: skip };
      const { ctx, cleanup } = createCheckContext({ options: resolved, server, monitor, sites });
      try {
        const verdict = await check.run(ctx);
        return verdict ? { status: 'skipped', reason: verdict.skipped } : { status: 'passed' };
      } catch (error) {
        if (error instanceof ConformanceFailure) throw error;
        throw new ConformanceFailure(id, `the check could not run: ${describeError(error)}`, { cause: error });
      } finally {
        await cleanup();
      }
    },
    async close() {
      monitor.stop();
      await server.close();
    },
  };
}
