import type { Bill } from '@coinslot/protocol';
import type { StoredEvent } from '../../store/event-outbox.js';
import type { BillStore } from '../../store/bill-store.js';

/** One step of a bill's life as the console shows it: when, what, and who did it. */
export interface TimelineEntry {
  at: number;
  what: string;
  /** `player`, `game backend`, `channel`, `sweeper`, `pay server`. */
  who: string;
  detail?: string;
}

// How far back the timeline reads the events log for a bill's events (the log has no per-bill index yet).
const EVENT_PAGES = 50;
const PAGE = 1000;

/** The events recorded for `bill` (each with its webhook dispatch state and attempts), oldest first. */
export async function eventsOfBill(store: BillStore, bill: Bill): Promise<StoredEvent[]> {
  const found: StoredEvent[] = [];
  let after = 0;
  for (let page = 0; page < EVENT_PAGES; page += 1) {
    const events = await store.listEvents(after, PAGE, bill.appId);
    for (const event of events) if (event.billId === bill.id) found.push(event);
    if (events.length < PAGE) break;
    after = events[events.length - 1]!.seq;
  }
  return found;
}

/** The transitions `bill` records, each with who makes that kind of transition (protocol §3). */
export function transitionsOf(bill: Bill): TimelineEntry[] {
  const steps: TimelineEntry[] = [{ at: bill.createdAt, what: 'created', who: 'player or game backend' }];
  if (bill.launchedAt) steps.push({ at: bill.launchedAt, what: 'checkout launched', who: 'player' });
  if (bill.paidAt) steps.push({ at: bill.paidAt, what: 'paid', who: 'channel' });
  if (bill.deliveredAt) steps.push({ at: bill.deliveredAt, what: 'delivered', who: 'game backend' });
  if (bill.refundedAt) {
    steps.push({ at: bill.refundedAt, what: 'refunded', who: 'channel', detail: `total ${bill.refundedAmount ?? 0}` });
  }
  if (bill.chargedBackAt) {
    steps.push({ at: bill.chargedBackAt, what: 'charged back', who: 'channel', detail: bill.reversalReason ?? '' });
  }
  const ended: Partial<Record<Bill['state'], TimelineEntry>> = {
    expired: { at: bill.updatedAt, what: 'expired', who: 'sweeper' },
    cancelled: { at: bill.updatedAt, what: 'cancelled', who: 'player or game backend' },
    failed: { at: bill.updatedAt, what: 'failed', who: 'channel', detail: bill.failureReason ?? '' },
  };
  const end = ended[bill.state];
  if (end) steps.push(end);
  return steps;
}

/** `bill`'s transitions and its events' webhook deliveries, in time order. */
export async function billTimeline(store: BillStore, bill: Bill): Promise<TimelineEntry[]> {
  const entries = transitionsOf(bill);
  for (const event of await eventsOfBill(store, bill)) {
    const delivery =
      event.dispatch === 'none'
        ? 'pull only (no webhook endpoint)'
        : `webhook ${event.dispatch} after ${event.attempts} attempt${event.attempts === 1 ? '' : 's'}`;
    entries.push({
      at: event.createdAt,
      what: `event ${event.type}`,
      who: 'pay server',
      detail: `${event.id}: ${delivery}`,
    });
  }
  return entries.sort((a, b) => a.at - b.at);
}
