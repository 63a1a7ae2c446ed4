import { isBillId, type Bill, type BillState } from '@coinslot/protocol';
import type { ActivityRecorder } from '../activity/activity-recorder.js';
import { newEventFor } from '../events/new-event.js';
import { ProtocolError } from '../http/protocol-error.js';
import type { BillRecord, BillStore, TransitionOutcome } from '../store/bill-store.js';
import { LocalChange } from '../waits/committed-change.js';
import type { WaiterRegistry } from '../waits/waiter-registry.js';

/** What a transition may set besides the state. */
export interface TransitionPatch {
  failureReason?: string;
  /** For `refunded`: the total refunded so far (minor units). */
  refundedAmount?: number;
  /** For `refunded` and `charged_back`: the channel's reason. */
  reversalReason?: string;
  /** The channel's own number for the payment, for the activity log (never stored on the bill). */
  channelTradeNo?: string;
}

/** Where a state change's event goes besides the store (§10). */
export interface EventHooks {
  /** Whether app `appId`'s webhook endpoint takes events (`pending`), or they are for `GET /v1/events` only (`none`). */
  dispatches(appId: string): boolean;
  /** Called after a change and its event were stored, so the dispatcher sends it now rather than at its next tick. */
  recorded(): void;
}

const PULL_ONLY: EventHooks = { dispatches: () => false, recorded: () => {} };

/**
 * Reads and changes bills. Every read expires a due bill first (lazy expiry), and every change is a
 * compare-and-set in the store followed by waking the bill's held waits: stored first, then announced — to this
 * process's waits at once, and to other instances' through `announce` (the wake-up bus, src/bus/wake-bus.ts).
 */
export class BillService {
  constructor(
    private readonly store: BillStore,
    private readonly waiters: WaiterRegistry,
    private readonly now: () => number,
    private readonly events: EventHooks = PULL_ONLY,
    /** Tells other instances that a bill changed, after the commit (never throws). @default nobody */
    private readonly announce: (billId: string, change: LocalChange) => void = () => {},
    /** Where each applied transition is written with its actor (the activity log). @default nowhere */
    private readonly activity?: ActivityRecorder,
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

  /**
   * Expires `bill` when it is still `created` past `expiresAt`; answers the current bill. `actor`: `sweeper` for the
   * expiry sweep, else the pay server expiring it on a read.
   */
  async expireIfDue(bill: Bill, actor = 'pay-server'): Promise<Bill> {
    if (bill.state !== 'created' || this.now() <= bill.expiresAt) return bill;
    const outcome = await this.move(bill, 'expired', {}, actor);
    return outcome.bill ?? bill;
  }

  /**
   * Moves `bill` from its current state to `to` if the stored bill still has the state and refund total `bill` has
   * (the store's compare-and-set), recording the change's event with it, then wakes the bill's waits (here and,
   * through the bus, on other instances) and the dispatcher. The caller checks the state machine first. An applied
   * change goes to the activity log with `actor`, who made it (activity/actor.ts).
   */
  async move(bill: Bill, to: BillState, patch: TransitionPatch = {}, actor = 'pay-server'): Promise<TransitionOutcome> {
    const next = nextBill(bill, to, this.now(), patch);
    const event = newEventFor(next, this.events.dispatches(next.appId) ? 'pending' : 'none');
    const outcome = await this.store.transition(bill.id, bill, next, event);
    if (outcome.applied) {
      const change = new LocalChange(bill, outcome.bill);
      this.waiters.wake(bill.id, change);
      this.announce(bill.id, change);
      this.events.recorded();
      this.activity?.record({
        at: next.updatedAt,
        appId: bill.appId,
        kind: 'transition',
        outcome: to,
        actor,
        billId: bill.id,
        channel: bill.channel,
        ...(patch.channelTradeNo ? { channelTradeNo: patch.channelTradeNo } : {}),
      });
    }
    return outcome;
  }
}

/** `bill` in state `to` at `now`, with the fields that state sets. */
function nextBill(bill: Bill, to: BillState, now: number, patch: TransitionPatch): Bill {
  const next: Bill = { ...bill, state: to, updatedAt: now };
  if (to === 'paid') next.paidAt = now;
  if (to === 'delivered') next.deliveredAt = now;
  if (to === 'failed') next.failureReason = patch.failureReason ?? 'declined';
  if (to === 'refunded') {
    next.refundedAt = now;
    next.refundedAmount = patch.refundedAmount ?? bill.amount;
  }
  if (to === 'charged_back') next.chargedBackAt = now;
  if ((to === 'refunded' || to === 'charged_back') && patch.reversalReason) next.reversalReason = patch.reversalReason;
  return next;
}
