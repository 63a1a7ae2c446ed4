import { eventTypeOf, isBillId, type Bill, type BillState } from '@coinslot/protocol';
import type { ActivityRecorder } from '../activity/activity-recorder.js';
import { eventBodyAround, newEventFor, newEventId } from '../events/new-event.js';
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
    const next = { ...bill, ...changesInto(to, this.now(), patch, bill.amount) };
    const event = newEventFor(next, this.events.dispatches(next.appId) ? 'pending' : 'none');
    const outcome = await this.store.transition(bill.id, bill, next, event);
    if (outcome.applied) this.#applied(bill, outcome.bill, patch, actor);
    return outcome;
  }

  /**
   * {@link move} without reading the bill first, where the store can (`BillStore.moveIfMatches`): bill `id` moves
   * from `from` to `to` only if it is app `appId`'s, holds `matches` and is not due to expire — one round trip to
   * the store instead of two. Answers the stored bill, or `undefined` when the store cannot or the bill did not match
   * (nothing changed: the caller reads it and decides as usual).
   */
  async moveIfMatches(
    id: string,
    {
      appId,
      from,
      matches,
    }: { appId: string; from: BillState; matches: Pick<Bill, 'channel' | 'amount' | 'currency'> },
    to: BillState,
    patch: TransitionPatch = {},
    actor = 'pay-server',
  ): Promise<Bill | undefined> {
    const type = eventTypeOf(to);
    if (!this.store.moveIfMatches || !isBillId(id) || type === undefined) return undefined;
    const changes = changesInto(to, this.now(), patch, matches.amount);
    const moved = await this.store.moveIfMatches({
      id,
      appId,
      state: from,
      notExpiredAt: changes.updatedAt,
      matches,
      changes,
      event: {
        id: newEventId(),
        type,
        dispatch: this.events.dispatches(appId) ? 'pending' : 'none',
        ...eventBodyAround(type, changes.updatedAt),
      },
    });
    if (moved) this.#applied(moved.from, moved.to, patch, actor);
    return moved?.to;
  }

  /** After a change from `from` to `to` was stored: its waits, other instances, the dispatcher, the activity log. */
  #applied(from: Bill, to: Bill, patch: TransitionPatch, actor: string): void {
    const change = new LocalChange(from, to);
    this.waiters.wake(to.id, change);
    this.announce(to.id, change);
    this.events.recorded();
    this.activity?.record({
      at: to.updatedAt,
      appId: from.appId,
      kind: 'transition',
      outcome: to.state,
      actor,
      billId: to.id,
      channel: from.channel,
      ...(patch.channelTradeNo ? { channelTradeNo: patch.channelTradeNo } : {}),
    });
  }
}

/** What a change into `to` at `now` sets: the state, `updatedAt`, and the members that state sets. */
function changesInto(
  to: BillState,
  now: number,
  patch: TransitionPatch,
  amount: number,
): Partial<Bill> & Pick<Bill, 'state' | 'updatedAt'> {
  const changes: Partial<Bill> & Pick<Bill, 'state' | 'updatedAt'> = { state: to, updatedAt: now };
  if (to === 'paid') changes.paidAt = now;
  if (to === 'delivered') changes.deliveredAt = now;
  if (to === 'failed') changes.failureReason = patch.failureReason ?? 'declined';
  if (to === 'refunded') {
    changes.refundedAt = now;
    changes.refundedAmount = patch.refundedAmount ?? amount;
  }
  if (to === 'charged_back') changes.chargedBackAt = now;
  if ((to === 'refunded' || to === 'charged_back') && patch.reversalReason)
    changes.reversalReason = patch.reversalReason;
  return changes;
}
