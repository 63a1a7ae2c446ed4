import { checkEqual } from '../check-failure.js';
import type { PayServerCheck } from '../check-context.js';
import { expectStatus } from '../expect-answer.js';
import { MAX_WAITED_TTL_MS } from '../pay-server-options.js';
import { sleep } from '../random-token.js';
import { expectTransition, TRANSITION_ACTIONS } from '../transition-matrix.js';

export const expiryChecks: PayServerCheck[] = [
  {
    id: 'bill-expiry',
    title: 'an unpaid bill is expired after expiresAt; then only a late verified payment (expired → paid) applies',
    section: '§1 States and transitions',
    unavailable: ({ billTtlMs }) =>
      billTtlMs === undefined || billTtlMs > MAX_WAITED_TTL_MS
        ? `needs billTtlMs (the server's bill lifetime) of at most ${MAX_WAITED_TTL_MS} ms`
        : undefined,
    async run(ctx) {
      const bills = await Promise.all(TRANSITION_ACTIONS.map(() => ctx.bills.open()));
      const latest = Math.max(...bills.map(({ bill }) => bill.expiresAt));
      checkEqual(
        latest - bills.at(-1)!.bill.createdAt,
        ctx.options.billTtlMs,
        'expiresAt − createdAt (the configured billTtlMs)',
      );
      await sleep(Math.max(0, latest - Date.now()) + 500);
      const waited = await ctx.bills.result(bills[0]!.bill.id, 0);
      expectStatus(waited, 200, 'a wait on an expired bill');
      checkEqual(
        [waited.body?.state, waited.body?.settled],
        ['expired', true],
        'state and settled of a wait on a bill past expiresAt',
      );
      for (const [index, action] of TRANSITION_ACTIONS.entries()) {
        const created = bills[index]!;
        checkEqual((await ctx.bills.read(created.bill.id)).state, 'expired', 'a bill read after its expiresAt');
        await expectTransition(ctx, created, 'expired', action);
      }
    },
  },
];
