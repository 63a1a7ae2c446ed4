import type { ReconciliationMismatchBody } from '@coinslot/protocol';
import { newEventId } from '../events/new-event.js';
import type { NewEvent } from '../store/event-outbox.js';
import { MISMATCH_KINDS, type ReconciliationItem, type ReconciliationRun } from './reconciliation-types.js';

/** At most this many items ride in the event's body; the rest are read with `GET /v1/admin/reconciliations/:id`. */
export const EVENT_ITEMS_LIMIT = 100;

/**
 * The `reconciliation.mismatch` event of `run` (protocol §10), or `undefined` when it found no mismatch. The outbox
 * orders events per bill; this event has no bill, so it is keyed by the run id in the bill's place: it waits for
 * nothing and holds nothing up.
 */
export function mismatchEvent(
  run: ReconciliationRun,
  items: readonly ReconciliationItem[],
  dispatch: NewEvent['dispatch'],
): NewEvent | undefined {
  const mismatched = items.filter((item) => MISMATCH_KINDS.includes(item.kind));
  if (mismatched.length === 0) return undefined;
  const { id, appId, channel, date, timeZone, source, counts, mismatches } = run;
  const body: ReconciliationMismatchBody = {
    type: 'reconciliation.mismatch',
    timestamp: new Date(run.createdAt).toISOString(),
    data: {
      reconciliation: { id, appId, channel, date, timeZone, source, counts, mismatches },
      items: mismatched.slice(0, EVENT_ITEMS_LIMIT).map(({ lines: _lines, ...item }) => item),
      more: Math.max(0, mismatched.length - EVENT_ITEMS_LIMIT),
    },
  };
  return {
    id: newEventId(),
    appId,
    type: 'reconciliation.mismatch',
    billId: id,
    createdAt: run.createdAt,
    body: JSON.stringify(body),
    dispatch,
  };
}
