import type { BillState } from '../protocol-types.js';

/**
 * The states of protocol v1 §1, as a runtime list. Kept here rather than imported from `@coinslot/core`
 * so the server has no runtime dependency on the client SDK (only its types).
 */
export const BILL_STATE_LIST = ['created', 'paid', 'delivered', 'failed', 'cancelled', 'expired'] as const satisfies readonly BillState[];

// Fails to compile when the protocol gains a state this list lacks.
const complete: BillState extends (typeof BILL_STATE_LIST)[number] ? true : never = true;
void complete;

/** Whether `value` names a bill state. */
export function isBillState(value: unknown): value is BillState {
  return typeof value === 'string' && (BILL_STATE_LIST as readonly string[]).includes(value);
}

/** A bill is settled when its outcome is decided: any state but `created`. */
export function isSettled(state: BillState): boolean {
  return state !== 'created';
}

/**
 * The only transitions protocol v1 allows (§1, "States and transitions"). `expired → paid` and `cancelled → paid`
 * exist for one cause only: a verified channel payment that arrives late (the channel took the money in time but
 * its notification came after the bill's expiry, or after the player closed the checkout). The player paid, so
 * the bill is honoured rather than lost.
 */
const ALLOWED: Readonly<Record<BillState, readonly BillState[]>> = {
  created: ['paid', 'failed', 'cancelled', 'expired'],
  paid: ['delivered'],
  delivered: [],
  failed: [],
  cancelled: ['paid'],
  expired: ['paid'],
};

/** Whether the state machine allows `from → to`. */
export function canTransition(from: BillState, to: BillState): boolean {
  return ALLOWED[from].includes(to);
}
