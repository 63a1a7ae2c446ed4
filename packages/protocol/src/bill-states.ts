/** Every state a bill can be in (protocol v1 §1). `created` is the only unsettled one. */
export const BILL_STATES = [
  'created',
  'paid',
  'delivered',
  'failed',
  'cancelled',
  'expired',
  'refunded',
  'charged_back',
] as const;

/**
 * A bill's state: created → paid → delivered, or created → failed | cancelled | expired; a paid or delivered bill
 * whose payment the channel reversed is refunded or charged_back.
 */
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
  paid: ['delivered', 'refunded', 'charged_back'],
  delivered: ['refunded', 'charged_back'],
  failed: [],
  cancelled: ['paid'],
  expired: ['paid'],
  // refunded → refunded: a further partial refund raises `refundedAmount` (never lowers it).
  refunded: ['refunded', 'charged_back'],
  charged_back: [],
};

/** The states of a reversed payment: the channel gave (some of) the money back (§1, "Reversals"). */
export const REVERSED_STATES = ['refunded', 'charged_back'] as const satisfies readonly BillState[];

/** Whether the bill's payment was reversed (refunded, in part or whole, or charged back). */
export function isReversedState(state: BillState): boolean {
  return state === 'refunded' || state === 'charged_back';
}

/** Whether the state machine allows `from → to`. */
export function canTransition(from: BillState, to: BillState): boolean {
  return BILL_TRANSITIONS[from].includes(to);
}
