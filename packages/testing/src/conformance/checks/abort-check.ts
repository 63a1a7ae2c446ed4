import { CoinslotError } from '@coinslot/core';
import type { ConformanceCheck } from '../check-context.js';
import { ConformanceFailure, describeError } from '../conformance-failure.js';
import { runPurchase } from '../purchase-run.js';
import { ResourceTracker } from '../resource-tracker.js';
import { pause, within } from '../suite-clock.js';

const fail = (message: string) => new ConformanceFailure('abort', message);

/** The game gives up while the checkout is open: the adapter must stop at once and hold nothing. */
export const abortCheck: ConformanceCheck = {
  id: 'abort',
  title: 'aborting the purchase aborts ctx.signal; pay() then settles promptly and leaves no timer running',
  async run(ctx) {
    const { abortSettleMs, leakGraceMs } = ctx.options.timing;
    const tracker = new ResourceTracker(ctx.sites);
    tracker.start();
    ctx.defer(() => tracker.stop());
    const run = await runPurchase(ctx, 'abort', 'abort');
    const pay = run.pays[0];
    if (pay === undefined) throw fail('core never called pay()');
    if (!CoinslotError.isInstance(run.error) || run.error.code !== 'ABORTED') {
      throw fail(
        `the aborted purchase ended with ${run.error === undefined ? JSON.stringify(run.result?.status) : describeError(run.error)}, expected a CoinslotError ABORTED`,
      );
    }
    if (!pay.ctx.signal.aborted) throw fail('ctx.signal was not aborted when the purchase was');
    const settled = await within(
      pay.settled.then(() => true),
      abortSettleMs,
      false,
    );
    if (!settled) {
      throw fail(
        `pay() did not settle within ${abortSettleMs} ms after ctx.signal aborted. Listen for the signal's "abort" event: close the checkout, clear timers, and reject with ctx.signal.reason.`,
      );
    }
    await pause(leakGraceMs);
    const timers = tracker.leftovers().filter((held) => held.kind === 'timeout' || held.kind === 'interval');
    if (timers.length > 0) {
      throw fail(
        `pay() settled after the abort but left ${timers.length} timer(s) running:\n${timers.map((t) => `  - ${t.what}, created ${t.createdAt}`).join('\n')}\nClear them when ctx.signal aborts.`,
      );
    }
  },
};
