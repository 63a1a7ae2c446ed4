import { expectedOf, type TransitionFrom } from '../bill-store.js';
import type { Bill } from '@coinslot/protocol';

/**
 * The compare-and-set of `BillStore.transition`, by engine: the row changes only while the stored bill still has the
 * state **and** the refund total the caller read (bill-store.ts says why both). The total lives in the bill's JSON,
 * so each engine reads it with its own JSON function — the one place the statements differ; a bill never refunded
 * has no `refundedAmount` and compares as 0. Both statements answer `{ bill }` when applied, nothing otherwise, and
 * take {@link transitionValues}.
 */
export const TRANSITION_SQL = {
  sqlite:
    'UPDATE bills SET state = ?, bill = ? WHERE id = ? AND state = ? ' +
    "AND coalesce(json_extract(bill, '$.refundedAmount'), 0) = ? RETURNING bill",
  // READ COMMITTED re-checks the WHERE on the row a concurrent writer committed, so the loser of a race matches nothing.
  postgres:
    'UPDATE bills SET state = $1, bill = $2 WHERE id = $3 AND state = $4 ' +
    "AND coalesce((bill::jsonb ->> 'refundedAmount')::bigint, 0) = $5 RETURNING bill",
} as const;

/** The values of {@link TRANSITION_SQL}, in order: the next state and bill, then the id and what `from` expects. */
export function transitionValues(id: string, from: TransitionFrom, next: Bill): unknown[] {
  const expected = expectedOf(from);
  return [next.state, JSON.stringify(next), id, expected.state, expected.refundedAmount];
}
