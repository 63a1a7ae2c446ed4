import { CallSites } from './call-site.js';
import { notApplicableChecks, type NotApplicableCheck } from './check-applicability.js';
import { createCheckContext } from './check-context.js';
import { ConformanceFailure, describeError } from './conformance-failure.js';
import { CHECKS } from './conformance-checks.js';
import type { ChannelConformanceOptions, ConformanceCheckId } from './conformance-options.js';
import { RejectionMonitor } from './rejection-monitor.js';
import { resolveConformanceOptions } from './resolve-conformance-options.js';
import { startSuiteServer } from './suite-server.js';

/**
 * How one check ended when it did not fail: it passed; the author skipped it (`skip: { [id]: reason }`); or it
 * does not apply to this adapter and environment (see {@link ConformanceHarness.notApplicable}), so it did not run.
 */
export type CheckOutcome =
  | { status: 'passed' }
  | { status: 'skipped'; reason: string }
  | { status: 'not-applicable'; reason: string };

/**
 * The conformance suite without a test runner: start it, run checks one by one, close it.
 * `runChannelConformance` is this harness registered as vitest tests.
 */
export interface ConformanceHarness {
  /**
   * The checks that do not apply to this adapter in this environment (e.g. `is-available-platforms` for an adapter
   * that declares every platform), each with the reason; `runChannelConformance` registers no test for them.
   */
  readonly notApplicable: readonly NotApplicableCheck[];
  /** Run one check. Resolves when it passes, is skipped or does not apply; rejects with a {@link ConformanceFailure} when it fails. */
  run(check: ConformanceCheckId): Promise<CheckOutcome>;
  /** Stop the pay server and the rejection monitor. */
  close(): Promise<void>;
}

/**
 * Start the suite: check the options, learn the channel's id and which checks apply, start the pay server (the
 * double by default) and begin watching for unhandled rejections.
 * @throws TypeError for wrong options, before anything starts.
 */
export async function createConformanceHarness(options: ChannelConformanceOptions): Promise<ConformanceHarness> {
  const resolved = resolveConformanceOptions(options);
  const probe = (await resolved.channel()) as { id?: unknown; dispose?: () => unknown } | undefined;
  await Promise.resolve()
    .then(() => probe?.dispose?.())
    .catch(() => undefined);
  const notApplicable = notApplicableChecks(probe, resolved);
  const sites = await CallSites.locate();
  const monitor = new RejectionMonitor();
  monitor.start();
  const server = await startSuiteServer(resolved.server, probe?.id).catch((error: unknown) => {
    monitor.stop();
    throw error;
  });
  return {
    notApplicable,
    async run(id) {
      const check = CHECKS.find((candidate) => candidate.id === id);
      if (check === undefined) throw new TypeError(`Unknown conformance check "${id}"`);
      const skip = resolved.skip[id];
      if (skip !== undefined) return { status: 'skipped', reason: skip };
      const inapplicable = notApplicable.find((entry) => entry.id === id);
      if (inapplicable) return { status: 'not-applicable', reason: inapplicable.reason };
      const { ctx, cleanup } = createCheckContext({ options: resolved, server, monitor, sites });
      try {
        await check.run(ctx);
        return { status: 'passed' };
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
