import { isBillId, type Bill, type BillState } from '@coinslot/protocol';
import { ProtocolError } from '../http/protocol-error.js';
import type { BillRecord, BillStore, TransitionOutcome } from '../store/bill-store.js';
import type { WaiterRegistry } from '../waits/waiter-registry.js';

/** What a transition may set besides the state. */
export interface TransitionPatch {
  failureReason?: string;
}

/**
 * Reads and changes bills. Every read expires a due bill first (lazy expiry), and every change is a
 * compare-and-set in the store followed by waking the bill's held waits: stored first, then announced.
 */
export class BillService {
  constructor(
    private readonly store: BillStore,
    private readonly waiters: WaiterRegistry,
    private readonly now: () => number,
  ) {}

  /** The bill and its launch payload, or `undefined` (also for ids that cannot exist). */
  async load(id: string): Promise<BillRecord | undefined> {
    const record = await this.peek(id);
    if (!record) return undefined;
    return { ...record, bill: await this.expireIfDue(record.bill) };
  }

  /** The bill as stored, without expiring it: for checks that must change nothing before they pass. */
  async peek(id: string): Promise<BillRecord | undefined> {
    if (!isBillId(id)) return undefined;
    return this.store.getBill(id);
  }

  /** Like {@link load}, but `404 BILL_NOT_FOUND` when there is no such bill. */
  async require(id: string): Promise<BillRecord> {
    const record = await this.load(id);
    if (!record) throw new ProtocolError('BILL_NOT_FOUND', `no bill ${id}`);
    return record;
  }

  /** Expires `bill` when it is still `created` past `expiresAt`; answers the current bill. */
  async expireIfDue(bill: Bill): Promise<Bill> {
    if (bill.state !== 'created' || this.now() <= bill.expiresAt) return bill;
    const outcome = await this.move(bill, 'expired');
    return outcome.bill ?? bill;
  }

  /**
   * Moves `bill` from its current state to `to` if the stored bill is still in that state,
   * then wakes the bill's waits. The caller checks the state machine first.
   */
  async move(bill: Bill, to: BillState, patch: TransitionPatch = {}): Promise<TransitionOutcome> {
    const now = this.now();
    const next: Bill = { ...bill, state: to, updatedAt: now };
    if (to === 'paid') next.paidAt = now;
    if (to === 'delivered') next.deliveredAt = now;
    if (to === 'failed') next.failureReason = patch.failureReason ?? 'declined';
    const outcome = await this.store.transition(bill.id, bill.state, next);
    if (outcome.applied) this.waiters.wake(bill.id);
    return outcome;
  }
}
