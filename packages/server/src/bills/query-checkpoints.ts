import type { Bill } from '@coinslot/protocol';
import type { BillsToQuery } from '../store/bill-store.js';
import type { ResolvedQueryOptions } from './query-options.js';

/** One moment the query fallback asks at: `offsetMs` after a bill's creation (`open`) or its expiry (`unpaid`). */
export interface QueryCheckpoint {
  kind: BillsToQuery['kind'];
  offsetMs: number;
  /** For the log, e.g. `120000 ms after creation`. */
  name: string;
}

/** The checkpoints `options` names: each one after creation, then the one after expiry. */
export function queryCheckpoints(options: ResolvedQueryOptions): QueryCheckpoint[] {
  const list: QueryCheckpoint[] = options.checkpointsMs.map((offsetMs) => ({
    kind: 'open',
    offsetMs,
    name: `${offsetMs} ms after creation`,
  }));
  if (options.afterExpiryMs !== false) {
    const offsetMs = options.afterExpiryMs;
    list.push({ kind: 'unpaid', offsetMs, name: `${offsetMs} ms after expiry` });
  }
  return list;
}

/** The time a checkpoint of `kind` counts from. */
export const checkpointBase = (kind: BillsToQuery['kind'], bill: Bill): number =>
  kind === 'open' ? bill.createdAt : bill.expiresAt;

/**
 * How far one checkpoint's walk has come, in this process: every bill at or before (`after`, `afterId`) in the
 * store's (time, id) order has had its turn. The walk only moves forward, so each bill is asked about once per
 * checkpoint and instance — no per-bill record is written. It starts one sweep interval before the server did: a
 * checkpoint that fell while no instance ran is not asked again (the bill still gets its later checkpoints, and the
 * channel its own notification retries).
 */
export class CheckpointCursor {
  #after: number;
  #afterId = '';

  constructor(
    readonly checkpoint: QueryCheckpoint,
    startedAt: number,
    lookbackMs: number,
  ) {
    this.#after = startedAt - checkpoint.offsetMs - lookbackMs;
  }

  /** The next page of bills whose checkpoint has come by `now`. */
  page(now: number, limit: number): BillsToQuery {
    const { kind, offsetMs } = this.checkpoint;
    return { kind, after: this.#after, afterId: this.#afterId, upTo: now - offsetMs, limit };
  }

  /** Every bill of `page` had its turn; a short page means every bill up to its `upTo` did. */
  advance(page: BillsToQuery, bills: readonly Bill[]): void {
    const last = bills.at(-1);
    if (bills.length >= page.limit && last) {
      this.#after = checkpointBase(this.checkpoint.kind, last);
      this.#afterId = last.id;
    } else if (page.upTo + 1 > this.#after) {
      // Times are whole ms and ids never empty: (upTo + 1, '') comes right after every bill of time upTo.
      this.#after = page.upTo + 1;
      this.#afterId = '';
    }
  }
}
