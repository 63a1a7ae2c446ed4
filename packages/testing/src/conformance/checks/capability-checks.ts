import type { ConformanceCheck } from '../check-context.js';
import { ConformanceFailure } from '../conformance-failure.js';
import { expectStatus, runPurchase } from '../purchase-run.js';

/** What the capabilities promise, held to account with real purchases. */
export const capabilityChecks: ConformanceCheck[] = [
  {
    id: 'presentations',
    title: 'accepts every declared presentation: an approved purchase ends paid in each',
    async run(ctx) {
      const adapter = await ctx.newAdapter();
      const presentations = ctx.options.environment.presentations ?? adapter.capabilities.presentations;
      const failures: string[] = [];
      for (const presentation of presentations) {
        const run = await runPurchase(ctx, 'presentations', 'approve', { presentation });
        try {
          expectStatus(
            'presentations',
            run,
            'paid',
            `Declare only presentations the adapter supports here, or list the ones to exercise in environment.presentations.`,
          );
        } catch (error) {
          failures.push(`  - "${presentation}": ${(error as Error).message}`);
        }
      }
      if (failures.length > 0)
        throw new ConformanceFailure('presentations', `some declared presentations failed:\n${failures.join('\n')}`);
    },
  },
  {
    id: 'user-gesture-window',
    title:
      'a needsUserGesture channel accepts ctx.window, and the window is closed once the purchase and the channel are done',
    notApplicable(adapter, options) {
      if (adapter?.capabilities?.needsUserGesture !== true) return 'the channel does not need a user gesture';
      if (options.environment.window === undefined)
        return 'environment.window is not given, so there is no window to hand over';
      return undefined;
    },
    async run(ctx) {
      const window = ctx.options.environment.window!();
      const run = await runPurchase(ctx, 'user-gesture-window', 'approve', { window });
      expectStatus(
        'user-gesture-window',
        run,
        'paid',
        'A needsUserGesture channel gets the window core opened inside the click as ctx.window; it must use or close it.',
      );
      await run.coinslot.dispose();
      if (window && !window.closed) {
        throw new ConformanceFailure(
          'user-gesture-window',
          'the window handed over as ctx.window is still open after the purchase ended and the channel was disposed',
        );
      }
    },
  },
];
