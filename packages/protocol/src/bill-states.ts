/** Every state a bill can be in (protocol v1 §1). `created` is the only unsettled one. */
export const BILL_STATES = ['created', 'paid', 'delivered', 'failed', 'cancelled', 'expired'] as const;

/** A bill's state: created → paid → delivered, or created → failed | cancelled | expired. */
export type BillState = (typeof BILL_STATES)[number];

/** Whether `value` names a bill state. */
export function isBillState(value: unknown): value is BillState {
  return typeof value === 'string' && (BILL_STATES as readonly string[]).includes(value);
}

/** Whether a bill in this state has its outcome decided (anything but `created`). */
export function isSettledState(state: BillState): boolean {
  return state !== 'created';
}

/**
 * The only transitions protocol v1 allows (§1, "States and transitions"). `expired → paid` and `cancelled → paid`
 * exist for one cause only: a verified channel payment that arrives late (the channel took the money in time but its
 * notification came after the bill's expiry, or after the player closed the checkout). The player paid, so the bill
 * is honoured rather than lost.
 */
export const BILL_TRANSITIONS: Readonly<Record<BillState, readonly BillState[]>> = {
  created: ['paid', 'failed', 'cancelled', 'expired'],
  paid: ['delivered'],
  delivered: [],
  failed: [],
  cancelled: ['paid'],
  expired: ['paid'],
};

/** Whether the state machine allows `from → to`. */
export function canTransition(from: BillState, to: BillState): boolean {
  return BILL_TRANSITIONS[from].includes(to);
}
