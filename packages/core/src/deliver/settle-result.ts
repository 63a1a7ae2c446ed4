import type { Bill, SignedResultPayload } from '@coinslot/protocol';
import type { CoinslotRuntime } from '../runtime.js';
import type { PurchaseResult } from './purchase-types.js';
import type { WaitOutcome } from './held-wait.js';

/** The bill with every signed field taken from the verified payload; unsigned data never decides anything. */
export function mergeSigned(bill: Bill, payload: SignedResultPayload | undefined): Bill {
  if (payload === undefined) return { ...bill };
  const merged: Bill = {
    ...bill,
    id: payload.billId,
    userId: payload.userId,
    itemId: payload.itemId,
    quantity: payload.quantity,
    amount: payload.amount,
    currency: payload.currency,
    channel: payload.channel,
    state: payload.state,
  };
  delete merged.failureReason;
  delete merged.passThrough;
  if (typeof payload.failureReason === 'string') merged.failureReason = payload.failureReason;
  if (typeof payload.passThrough === 'string') merged.passThrough = payload.passThrough;
  return merged;
}

/**
 * Turn the wait's outcome into the purchase result and emit its event. A `delivered` result also counts as
 * `paid`, with `delivered: true`: the bill was paid and some earlier run already delivered it, so it must not be
 * granted again. Granting and delivering come after (see `finish-bill.ts`).
 */
export function settleResult(rt: CoinslotRuntime, base: Bill, outcome: WaitOutcome): PurchaseResult {
  const bill = mergeSigned(base, outcome.payload);
  const none = { granted: false, grantedHere: false, delivered: false };
  if (!outcome.settled) {
    rt.emitter.emit('bill-pending', { bill });
    return { status: 'pending', bill, pendingReason: outcome.lastError ? 'network' : 'deadline-reached', ...none };
  }
  switch (outcome.payload.state) {
    case 'paid':
    case 'delivered':
      rt.emitter.emit('bill-paid', { bill });
      return { status: 'paid', bill, granted: false, grantedHere: false, delivered: outcome.payload.state === 'delivered' };
    case 'failed': {
      const reason = outcome.payload.failureReason ?? 'failed';
      rt.emitter.emit('bill-failed', { bill, state: 'failed', reason });
      return { status: 'declined', bill, reason, ...none };
    }
    default: {
      // cancelled or expired: a settled result is never `created`
      const state = outcome.payload.state as 'cancelled' | 'expired';
      rt.emitter.emit('bill-failed', { bill, state });
      return { status: state, bill, ...none };
    }
  }
}
