import type { Bill } from '@coinslot/protocol';
import type { CoinslotEmitter } from '../events/coinslot-emitter.js';
import type { PurchaseResult } from '../results/purchase-result.js';
import type { WaitOutcome } from '../wait/held-wait.js';
import { mergeSigned } from '../wait/read-signed-result.js';
import { notGranted } from './grant-once.js';

/**
 * Turn the wait's outcome into the purchase result and emit its event. A `delivered` result also counts as
 * `paid`, with `delivered: true`: the bill was paid and some earlier run already delivered it, so it must not be
 * granted again. Granting and delivering come after (see `finish-bill.ts`), and so do a reversal's event and revoke
 * (`settle-reversal.ts`): a `refunded` or `charged_back` result is never granted.
 */
export function settleResult(emitter: CoinslotEmitter, base: Bill, outcome: WaitOutcome): PurchaseResult {
  const bill = mergeSigned(base, outcome.payload);
  if (!outcome.settled) {
    emitter.emit('bill-pending', { bill });
    return {
      status: 'pending',
      bill,
      pendingReason: outcome.lastError ? 'network' : 'deadline-reached',
      ...notGranted,
    };
  }
  switch (outcome.payload.state) {
    case 'paid':
    case 'delivered':
      emitter.emit('bill-paid', { bill });
      return { status: 'paid', bill, ...notGranted, delivered: outcome.payload.state === 'delivered' };
    case 'failed': {
      const reason = outcome.payload.failureReason ?? 'failed';
      emitter.emit('bill-failed', { bill, state: 'failed', reason });
      return { status: 'declined', bill, reason, ...notGranted };
    }
    case 'refunded':
    case 'charged_back':
      return { status: outcome.payload.state, bill, ...notGranted };
    default: {
      // cancelled or expired: a settled result is never `created`
      const state = outcome.payload.state as 'cancelled' | 'expired';
      emitter.emit('bill-failed', { bill, state });
      return { status: state, bill, ...notGranted };
    }
  }
}
