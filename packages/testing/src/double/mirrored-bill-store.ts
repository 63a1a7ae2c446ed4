import type { Bill } from '@coinslot/core';
import {
  MemoryBillStore,
  type BillRecord,
  type IdempotencyScope,
  type InsertBillAnswer,
  type NewEvent,
  type TransitionFrom,
  type TransitionOutcome,
} from '@coinslot/server/web';

/**
 * The reference server's in-memory store, with a synchronous copy of every bill as it is stored, so a test
 * reads `double.bills` without awaiting. The copy changes only through the store, like the server's state.
 */
export class MirroredBillStore extends MemoryBillStore {
  /** Every bill by id, in creation order; values are replaced (never mutated) on every change. */
  readonly bills = new Map<string, Bill>();

  override async insertBill(record: BillRecord, createdBy?: IdempotencyScope): Promise<InsertBillAnswer> {
    const keyDone = await super.insertBill(record, createdBy);
    this.bills.set(record.bill.id, structuredClone(record.bill));
    return keyDone;
  }

  override async transition(
    id: string,
    from: TransitionFrom,
    next: Bill,
    event?: NewEvent,
  ): Promise<TransitionOutcome> {
    const outcome = await super.transition(id, from, next, event);
    if (outcome.applied) this.bills.set(id, structuredClone(outcome.bill));
    return outcome;
  }
}
