import { BILL_STATES } from '@coinslot/protocol';
import type { ReachableState } from '../bill-factory.js';
import type { CheckContext, PayServerCheck } from '../check-context.js';
import { expectTransition, transitionKind, TRANSITION_ACTIONS, type TransitionKind } from '../transition-matrix.js';

const REACHABLE = BILL_STATES.filter((state): state is ReachableState => state !== 'expired');

/** Runs every cell of the (state × action) matrix whose kind is `kind`, each on a fresh bill. */
async function runCells(ctx: CheckContext, kind: TransitionKind): Promise<void> {
  for (const from of REACHABLE) {
    for (const action of TRANSITION_ACTIONS) {
      if (transitionKind(from, action.target, action.fromChannel) !== kind) continue;
      await expectTransition(ctx, await ctx.bills.inState(from), from, action);
    }
  }
  if (ctx.options.billTtlMs === undefined) ctx.note('the expired row is checked by bill-expiry, which needs billTtlMs');
}

export const transitionChecks: PayServerCheck[] = [
  {
    id: 'allowed-transitions',
    title: 'every allowed transition a request can ask for is applied (incl. the late payment cancelled → paid)',
    section: '§1 States and transitions',
    run: (ctx) => runCells(ctx, 'applied'),
  },
  {
    id: 'forbidden-transitions',
    title: 'every forbidden transition answers 409 INVALID_TRANSITION with error.state and changes nothing',
    section: '§1 States and transitions, §6',
    run: (ctx) => runCells(ctx, 'forbidden'),
  },
  {
    id: 'repeated-requests',
    title: 'a repeated notification, cancel or deliver answers 200 without a second change',
    section: '§1 States and transitions (repeats)',
    run: (ctx) => runCells(ctx, 'repeat'),
  },
];
