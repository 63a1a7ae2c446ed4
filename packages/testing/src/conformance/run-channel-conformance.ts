import { afterAll, beforeAll, describe, it } from 'vitest';
import { describeNotApplicable, probeNotApplicable } from './check-applicability.js';
import { CONFORMANCE_CHECKS } from './conformance-checks.js';
import type { ChannelConformanceOptions } from './conformance-options.js';
import { createConformanceHarness, type ConformanceHarness } from './conformance-harness.js';
import { resolveConformanceOptions } from './resolve-conformance-options.js';

/**
 * Register the channel conformance suite as vitest tests: one `describe` named after the channel, one test per
 * check (see `CONFORMANCE_CHECKS`). Call it at the top level of a test file in the adapter's package.
 *
 * A check that does not apply to the adapter in this environment (`is-available-platforms` when every platform is
 * declared, `user-gesture-window` without `needsUserGesture` or `environment.window`) is not registered at all:
 * the suite logs one line naming those checks and why. A check in `skip` is registered and skipped by vitest
 * with its reason — the author's documented choice.
 *
 * @example
 * ```ts
 * import { runChannelConformance } from '@coinslot/testing/conformance';
 * import { createMyChannel } from '../src/index.js';
 *
 * runChannelConformance({
 *   name: 'my-channel',
 *   channel: () => createMyChannel(),
 *   environment: { platform: 'node' },
 *   drive: { approve: (ctx) => myVendorSandbox.approve(ctx.launch.sessionId) },
 * });
 * ```
 * @throws TypeError at once for wrong options.
 */
export function runChannelConformance(options: ChannelConformanceOptions): void {
  const resolved = resolveConformanceOptions(options);
  const { timing } = resolved;
  describe(`channel conformance: ${options.name}`, async () => {
    const notApplicable = await probeNotApplicable(resolved);
    if (notApplicable.length > 0) console.info(describeNotApplicable(options.name, notApplicable));
    let harness: ConformanceHarness | undefined;
    beforeAll(async () => {
      harness = await createConformanceHarness(options);
    }, timing.testMs);
    afterAll(() => harness?.close(), timing.testMs);

    for (const check of CONFORMANCE_CHECKS) {
      if (notApplicable.some((entry) => entry.id === check.id)) continue;
      const skip = resolved.skip[check.id];
      it(
        skip === undefined ? check.title : `${check.title} (skipped: ${skip})`,
        async (context) => {
          if (skip !== undefined) return context.skip(skip);
          if (harness === undefined) throw new Error('The conformance suite did not start; see the beforeAll error.');
          const outcome = await harness.run(check.id);
          if (outcome.status === 'not-applicable') {
            throw new Error(
              `[${check.id}] channel() made adapters that differ: this one makes the check not apply (${outcome.reason}), the first did not.`,
            );
          }
        },
        timing.testMs,
      );
    }
  });
}
