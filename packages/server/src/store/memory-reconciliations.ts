import type { Bill } from '@coinslot/protocol';
import type { ReconciliationStore, RunQuery } from '../reconciliation/reconciliation-store.js';
import type { ReconciliationItem, ReconciliationRun } from '../reconciliation/reconciliation-types.js';
import type { NewEvent } from './event-outbox.js';

/**
 * The {@link ReconciliationStore} of the in-memory store: runs in a map, bills found by a walk over every bill
 * (development and tests). `append` records an event in the same step as the run.
 */
export class MemoryReconciliations implements ReconciliationStore {
  readonly #runs = new Map<string, { run: ReconciliationRun; items: ReconciliationItem[] }>();

  constructor(
    private readonly bills: () => Iterable<Bill>,
    private readonly append: (event: NewEvent) => void,
  ) {}

  async billsMovedBetween(appId: string, channel: string, from: number, to: number): Promise<Bill[]> {
    const within = (t: number | undefined) => t !== undefined && t >= from && t < to;
    return [...this.bills()]
      .filter((bill) => bill.appId === appId && bill.channel === channel)
      .filter((bill) => within(bill.paidAt) || within(bill.refundedAt) || within(bill.chargedBackAt))
      .map((bill) => structuredClone(bill));
  }

  async saveRun(run: ReconciliationRun, items: readonly ReconciliationItem[], event?: NewEvent): Promise<void> {
    for (const [id, stored] of this.#runs) {
      const same = stored.run;
      if (same.appId === run.appId && same.channel === run.channel && same.date === run.date) this.#runs.delete(id);
    }
    this.#runs.set(run.id, structuredClone({ run, items: [...items] }));
    if (event) this.append(event);
  }

  async listRuns(query: RunQuery): Promise<ReconciliationRun[]> {
    return [...this.#runs.values()]
      .map(({ run }) => run)
      .filter(
        (run) =>
          (query.appId === undefined || run.appId === query.appId) &&
          (query.channel === undefined || run.channel === query.channel),
      )
      .sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? -1 : 1))
      .slice(0, query.limit)
      .map((run) => structuredClone(run));
  }

  async getRun(id: string): Promise<{ run: ReconciliationRun; items: ReconciliationItem[] } | undefined> {
    const found = this.#runs.get(id);
    return found && structuredClone(found);
  }
}
