import type { DispatchOutcome, EventOutbox, NewEvent, StoredEvent } from './event-outbox.js';

interface MemoryEvent extends StoredEvent {
  leaseUntil: number;
}

const copy = ({ leaseUntil: _lease, ...event }: MemoryEvent): StoredEvent => ({ ...event });

/**
 * The {@link EventOutbox} of {@link MemoryBillStore}: an array in `seq` order, and each bill's events in a map (the
 * same objects, so a dispatch recorded shows in both). {@link append} is synchronous so the
 * bill store can record an event in the same step as its change.
 */
export class MemoryEventOutbox implements EventOutbox {
  readonly #events: MemoryEvent[] = [];
  readonly #byBill = new Map<string, MemoryEvent[]>();
  #lastSeq = 0;

  /** Records `event` with the next `seq`. */
  append(event: NewEvent): void {
    this.#lastSeq += 1;
    const stored = { ...event, seq: this.#lastSeq, attempts: 0, nextAttemptAt: event.createdAt, leaseUntil: 0 };
    this.#events.push(stored);
    const ofBill = this.#byBill.get(event.billId);
    if (ofBill) ofBill.push(stored);
    else this.#byBill.set(event.billId, [stored]);
  }

  async listEvents(after: number, limit: number, appId?: string): Promise<StoredEvent[]> {
    const start = this.#events.findIndex((event) => event.seq > after);
    if (start < 0) return [];
    if (appId === undefined) return this.#events.slice(start, start + limit).map(copy);
    const found: StoredEvent[] = [];
    for (let i = start; i < this.#events.length && found.length < limit; i += 1) {
      if (this.#events[i]!.appId === appId) found.push(copy(this.#events[i]!));
    }
    return found;
  }

  async listEventsOfBill(appId: string, billId: string, limit: number): Promise<StoredEvent[]> {
    const ofBill = this.#byBill.get(billId) ?? [];
    return ofBill
      .filter((event) => event.appId === appId)
      .slice(0, limit)
      .map(copy);
  }

  async claimDueEvents(now: number, leaseUntil: number, limit: number): Promise<StoredEvent[]> {
    const headOfBill = new Map<string, MemoryEvent>();
    for (const event of this.#events) {
      if (event.dispatch === 'pending' && !headOfBill.has(event.billId)) headOfBill.set(event.billId, event);
    }
    const due = [...headOfBill.values()]
      .filter((event) => event.nextAttemptAt <= now && event.leaseUntil <= now)
      .sort((a, b) => a.nextAttemptAt - b.nextAttemptAt || a.seq - b.seq)
      .slice(0, limit);
    for (const event of due) event.leaseUntil = leaseUntil;
    return due.map(copy);
  }

  async recordDispatch(seq: number, outcome: DispatchOutcome): Promise<void> {
    const event = this.#events.find((candidate) => candidate.seq === seq);
    if (!event) return;
    event.attempts += 1;
    event.leaseUntil = 0;
    event.dispatch = outcome.state;
    if (outcome.state === 'pending') event.nextAttemptAt = outcome.nextAttemptAt;
  }

  async purgeEvents(before: number, limit: number): Promise<number> {
    let purged = 0;
    for (let i = 0; i < this.#events.length && purged < limit; ) {
      const event = this.#events[i]!;
      if (event.createdAt < before && event.dispatch !== 'pending') {
        this.#events.splice(i, 1);
        this.#forget(event);
        purged += 1;
      } else i += 1;
    }
    return purged;
  }

  #forget(event: MemoryEvent): void {
    const left = this.#byBill.get(event.billId)!.filter((candidate) => candidate !== event);
    if (left.length > 0) this.#byBill.set(event.billId, left);
    else this.#byBill.delete(event.billId);
  }

  async oldestPendingEvent(): Promise<{ seq: number; createdAt: number; nextAttemptAt: number } | undefined> {
    const event = this.#events.find((candidate) => candidate.dispatch === 'pending');
    return event && { seq: event.seq, createdAt: event.createdAt, nextAttemptAt: event.nextAttemptAt };
  }
}
