import type { ConformanceCheck } from '../check-context.js';
import { ConformanceFailure, describeError } from '../conformance-failure.js';
import { runPurchase } from '../purchase-run.js';
import { ResourceTracker } from '../resource-tracker.js';
import { pause, within } from '../suite-clock.js';

const DISPOSE_MS = 2_000;

/** The adapter releases everything it holds, and never leaves a promise rejection unhandled. */
export const cleanupChecks: ConformanceCheck[] = [
  {
    id: 'dispose',
    title: 'dispose() resolves, can be called again, and leaves no timer, listener or window behind',
    async run(ctx) {
      const tracker = new ResourceTracker(ctx.sites);
      tracker.start();
      ctx.defer(() => tracker.stop());
      const { capabilities } = await ctx.newAdapter();
      const window = capabilities?.needsUserGesture ? ctx.options.environment.window?.() : undefined;
      tracker.watchWindow(window, 'by environment.window() and handed over as ctx.window');
      const run = await runPurchase(ctx, 'dispose', 'approve', window === undefined ? {} : { window });
      await within(run.coinslot.dispose(), DISPOSE_MS, undefined);
      for (const attempt of ['a second', 'a third']) {
        const answer = await within(
          Promise.resolve()
            .then(() => run.adapter.dispose?.())
            .then(
              () => 'resolved',
              (error: unknown) => error,
            ),
          DISPOSE_MS,
          'timed out',
        );
        if (answer !== 'resolved') {
          throw new ConformanceFailure(
            'dispose',
            `${attempt} dispose() ${answer === 'timed out' ? `did not settle within ${DISPOSE_MS} ms` : `threw ${describeError(answer)}`}; dispose() must be safe to repeat.`,
          );
        }
      }
      await pause(ctx.options.timing.leakGraceMs);
      const held = tracker.leftovers();
      if (held.length > 0) {
        throw new ConformanceFailure(
          'dispose',
          `after dispose() the adapter still holds:\n${held.map((h) => `  - ${h.what}, created ${h.createdAt}`).join('\n')}\nRelease it in dispose() (and when ctx.signal aborts).`,
        );
      }
    },
  },
  {
    id: 'no-unhandled-rejections',
    title: 'left no promise rejection unhandled during the suite',
    async run(ctx) {
      await pause(50);
      const { rejections } = ctx.monitor;
      if (rejections.length > 0) {
        throw new ConformanceFailure(
          'no-unhandled-rejections',
          `${rejections.length} promise rejection(s) were never handled while the suite ran:\n${ctx.monitor.describe()}`,
        );
      }
    },
  },
];
