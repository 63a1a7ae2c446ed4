import type { Bill } from '@coinslot/protocol';
import type { ActivityEntry, ActivityLog } from '../../activity/activity-log.js';
import type { StoredEvent } from '../../store/event-outbox.js';
import type { BillStore } from '../../store/bill-store.js';

/** One step of a bill's life as the console shows it: when, what, and who did it. */
export interface TimelineEntry {
  at: number;
  what: string;
  /**
   * Who did it: from the activity log, the actor it recorded (`player:<id>`, `game-backend`, `channel:<name>`,
   * `query:<channel>`, `sweeper`, `pay-server`…); for a step the log does not hold (a bill older than the log), who
   * makes that kind of transition (protocol §3), e.g. `player or game backend`.
   */
  who: string;
  detail?: string;
}

// Without the store's index of events by bill: how far back the events log is walked for a bill's events.
const EVENT_PAGES = 50;
const PAGE = 1000;
/** A bill's activity entries and events shown at most (a bill with more is a bill under attack or a bug). */
const MAX_ENTRIES = 500;

/** The events recorded for `bill` (each with its webhook dispatch state and attempts), oldest first. */
export async function eventsOfBill(store: BillStore, bill: Bill): Promise<StoredEvent[]> {
  if (store.listEventsOfBill) return store.listEventsOfBill(bill.appId, bill.id, MAX_ENTRIES);
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

/** How the console names a transition's outcome (a bill state, or `launched`). */
const STEP_NAMES: Record<string, string> = {
  created: 'created',
  launched: 'checkout launched',
  paid: 'paid',
  delivered: 'delivered',
  refunded: 'refunded',
  charged_back: 'charged back',
  expired: 'expired',
  cancelled: 'cancelled',
  failed: 'failed',
};

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

const joined = (...parts: (string | undefined)[]) => parts.filter(Boolean).join(' · ');

/** One activity entry as a timeline step. */
export function stepOf(entry: ActivityEntry): TimelineEntry {
  const tradeNo = entry.channelTradeNo && `channel trade no. ${entry.channelTradeNo}`;
  const by = entry.instanceId && `on ${entry.instanceId}`;
  switch (entry.kind) {
    case 'transition':
      return {
        at: entry.at,
        what: STEP_NAMES[entry.outcome] ?? entry.outcome,
        who: entry.actor,
        detail: joined(tradeNo, by),
      };
    case 'notification':
      return {
        at: entry.at,
        what: `notification ${entry.outcome}`,
        who: entry.actor,
        detail: joined(entry.detail, tradeNo, by),
      };
    case 'webhook':
      return {
        at: entry.at,
        what: `webhook ${entry.outcome}`,
        who: entry.actor,
        detail: joined(entry.eventId, entry.endpoint, entry.detail, by),
      };
    default:
      return {
        at: entry.at,
        what: `${entry.kind} ${entry.outcome}`,
        who: entry.actor,
        detail: joined(entry.detail, by),
      };
  }
}

/**
 * `bill`'s life in time order: every step the activity log holds for it (transitions with who made them,
 * notifications with their outcome, webhook attempts), the steps the bill records that the log does not (a bill older
 * than the log, or entries past retention: who is then the kind of actor, not the actor), and its events with their
 * webhook delivery state.
 */
export async function billTimeline(store: BillStore, bill: Bill, log?: ActivityLog): Promise<TimelineEntry[]> {
  const activity = log ? await log.listForBill(bill.id, MAX_ENTRIES) : [];
  const logged = activity.map(stepOf);
  const loggedTransitions = new Set(activity.filter((e) => e.kind === 'transition').map((e) => STEP_NAMES[e.outcome]));
  const entries = [...logged, ...transitionsOf(bill).filter((step) => !loggedTransitions.has(step.what))];
  for (const event of await eventsOfBill(store, bill)) {
    const delivery =
      event.dispatch === 'none'
        ? 'pull only (no webhook endpoint)'
        : `webhook ${event.dispatch} after ${event.attempts} attempt${event.attempts === 1 ? '' : 's'}`;
    entries.push({
      at: event.createdAt,
      what: `event ${event.type}`,
      who: 'pay-server',
      detail: `${event.id}: ${delivery}`,
    });
  }
  // At one millisecond: what happened to the bill, then the event it recorded, then that event's webhook attempts.
  const rank = (step: TimelineEntry) => (step.what.startsWith('webhook ') ? 2 : step.what.startsWith('event ') ? 1 : 0);
  return entries.sort((a, b) => a.at - b.at || rank(a) - rank(b));
}
