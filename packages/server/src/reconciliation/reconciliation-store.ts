import type { Bill } from '@coinslot/protocol';
import type { NewEvent } from '../store/event-outbox.js';
import type { ReconciliationItem, ReconciliationRun } from './reconciliation-types.js';

/** A query of {@link ReconciliationStore.listRuns}. */
export interface RunQuery {
  /** One game's runs only; absent: every game's. */
  appId?: string;
  channel?: string;
  /** At most this many, newest `createdAt` first. */
  limit: number;
}

/**
 * Where reconciliation runs are kept (docs/reconciliation.md), offered by a bill store as `store.reconciliations`.
 *
 * Contract for implementers (held by `test/store-contract.ts`):
 * - {@link saveRun} replaces the run of the same (game, channel, day), items and all, in one atomic write with its
 *   mismatch event (when given) — never the new run without its event, never two runs of one day;
 * - values handed out are copies.
 */
export interface ReconciliationStore {
  /**
   * Bills of `appId` on `channel` whose `paidAt`, `refundedAt` or `chargedBackAt` falls in `[from, to)` (ms since
   * epoch), each once, in no particular order.
   */
  billsMovedBetween(appId: string, channel: string, from: number, to: number): Promise<Bill[]>;
  /** Stores `run` and its items, replacing a run of the same (appId, channel, date), with `event` when given. */
  saveRun(run: ReconciliationRun, items: readonly ReconciliationItem[], event?: NewEvent): Promise<void>;
  /** Runs, newest first. */
  listRuns(query: RunQuery): Promise<ReconciliationRun[]>;
  /** A run and its items in their stored order, or `undefined`. */
  getRun(id: string): Promise<{ run: ReconciliationRun; items: ReconciliationItem[] } | undefined>;
}
