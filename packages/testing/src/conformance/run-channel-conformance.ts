import { afterAll, beforeAll, describe, it } from 'vitest';
import { CONFORMANCE_CHECKS } from './conformance-checks.js';
import type { ChannelConformanceOptions } from './conformance-options.js';
import { createConformanceHarness, type ConformanceHarness } from './conformance-harness.js';
import { resolveConformanceOptions } from './resolve-conformance-options.js';

/**
 * Register the channel conformance suite as vitest tests: one `describe` named after the channel, one test per
 * check (see `CONFORMANCE_CHECKS`). Call it at the top level of a test file in the adapter's package.
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
  const { timing } = resolveConformanceOptions(options);
  describe(`channel conformance: ${options.name}`, () => {
    let harness: ConformanceHarness | undefined;
    beforeAll(async () => {
      harness = await createConformanceHarness(options);
    }, timing.testMs);
    afterAll(() => harness?.close(), timing.testMs);

    for (const check of CONFORMANCE_CHECKS) {
      const reason = options.skip?.[check.id];
      if (reason !== undefined) {
        it.skip(`${check.title} (skipped: ${reason})`, () => undefined);
        continue;
      }
      it(check.title, async (context) => {
        if (harness === undefined) throw new Error('The conformance suite did not start; see the beforeAll error.');
        const outcome = await harness.run(check.id);
        if (outcome.status === 'skipped') context.skip(outcome.reason);
      }, timing.testMs);
    }
  });
}
