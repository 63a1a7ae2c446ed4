import type { Bill } from '@coinslot/core';
import {
  MemoryBillStore,
  type BillRecord,
  type BillStore,
  type IdempotencyClaim,
  type IdempotencyScope,
  type ListBillsQuery,
  type TransitionOutcome,
} from '@coinslot/server/web';

/**
 * The reference server's in-memory store, with a synchronous copy of every bill as it is stored, so a test
 * reads `double.bills` without awaiting. The copy changes only through the store, like the server's state.
 */
export class MirroredBillStore implements BillStore {
  readonly #inner = new MemoryBillStore();
  /** Every bill by id, in creation order; values are replaced (never mutated) on every change. */
  readonly bills = new Map<string, Bill>();

  getBill(id: string): Promise<BillRecord | undefined> {
    return this.#inner.getBill(id);
  }

  async insertBill(record: BillRecord): Promise<void> {
    await this.#inner.insertBill(record);
    this.bills.set(record.bill.id, structuredClone(record.bill));
  }

  async transition(id: string, from: Bill['state'], next: Bill): Promise<TransitionOutcome> {
    const outcome = await this.#inner.transition(id, from, next);
    if (outcome.applied) this.bills.set(id, structuredClone(outcome.bill));
    return outcome;
  }

  listBills(query: ListBillsQuery): Promise<Bill[]> {
    return this.#inner.listBills(query);
  }

  listExpiredBills(now: number, limit: number): Promise<Bill[]> {
    return this.#inner.listExpiredBills(now, limit);
  }

  claimIdempotencyKey(
    scope: IdempotencyScope,
    bodyHash: string,
    now: number,
    staleBefore: number,
  ): Promise<IdempotencyClaim> {
    return this.#inner.claimIdempotencyKey(scope, bodyHash, now, staleBefore);
  }

  completeIdempotencyKey(scope: IdempotencyScope, billId: string): Promise<void> {
    return this.#inner.completeIdempotencyKey(scope, billId);
  }

  releaseIdempotencyKey(scope: IdempotencyScope): Promise<void> {
    return this.#inner.releaseIdempotencyKey(scope);
  }

  purgeIdempotencyKeys(before: number): Promise<number> {
    return this.#inner.purgeIdempotencyKeys(before);
  }
}
