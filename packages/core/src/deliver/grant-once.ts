import type { Bill } from '@coinslot/protocol';
import type { ChannelLogger } from '../contract/payment-interface.js';
import { billLockName, withLock } from '../locks/named-lock.js';
import { mergeSigned, type SignedRead } from '../wait/read-signed-result.js';
import { recordDelivery, type Delivery } from './deliver-bill.js';
import type { GrantHook } from './grant-hook.js';

/** What finishing a paid bill uses: delivery's collaborators, the verified read, the app's grant and a logger. */
export interface GrantDeps extends Delivery {
  read: SignedRead;
  /** The app's grant hook; without it the app grants and delivers itself. */
  grant: GrantHook | undefined;
  logger: ChannelLogger;
}

/**
 * What became of a paid bill: whether its item is granted (and by this run's call of `grant`) and its delivery
 * recorded on the pay server.
 */
export interface PaidProgress {
  granted: boolean;
  grantedHere: boolean;
  delivered: boolean;
}

const done: PaidProgress = { granted: true, grantedHere: false, delivered: true };
/** A paid bill nothing was granted for (yet). */
export const notGranted: PaidProgress = { granted: false, grantedHere: false, delivered: false };

async function deliver(deps: GrantDeps, bill: Bill, signal: AbortSignal): Promise<boolean> {
  try {
    await recordDelivery(deps, bill.id, signal, bill);
    return true;
  } catch (error) {
    if (signal.aborted) throw error;
    deps.logger.warn(`Bill ${bill.id} is granted but recording its delivery failed; recovery will record it.`, {
      error,
    });
    return false;
  }
}

/** Inside the bill's lock: the journal and the server's signed state decide whether `grant` may run. */
async function grantOnceThenDeliver(
  deps: GrantDeps,
  paid: Bill,
  grant: GrantHook,
  signal: AbortSignal,
): Promise<PaidProgress> {
  const before = await deps.journal.read(paid.id);
  if (before?.state === 'delivered') return done;
  // The state now, signed: only a verified state may decide whether to grant.
  const bill = mergeSigned(paid, await deps.read(paid.id, 0, signal));
  if (bill.state === 'delivered') {
    await deps.journal.note(bill, { state: 'delivered' });
    return done;
  }
  // Reversed since the wait's answer (refunded, charged back): never granted. The journal still says `paid`, so the
  // next recovery resumes it and finishes the reversal (its event, no revoke: nothing was granted).
  if (bill.state !== 'paid') return notGranted;
  const grantedHere = before?.state !== 'granted';
  if (grantedHere) {
    let applied: boolean;
    try {
      applied = (await grant({ billId: bill.id, bill })) !== false;
    } catch (error) {
      deps.logger.error(`The grant of bill ${bill.id} threw; it stays paid and recovery offers it again.`, { error });
      deps.emitter.emit('grant-failed', { bill, error });
      return notGranted;
    }
    await deps.journal.note(bill, { state: 'granted' });
    deps.emitter.emit('bill-granted', { bill, applied });
  }
  return { granted: true, grantedHere, delivered: await deliver(deps, bill, signal) };
}

/**
 * Finish a bill whose verified result says paid (or delivered). With the app's `grant`: under the bill's lock,
 * grant it at most once per journal, then record the delivery. Without: record it as paid; the app grants
 * and calls `deliver()`.
 */
export async function completePaid(deps: GrantDeps, bill: Bill, signal: AbortSignal): Promise<PaidProgress> {
  const delivered = bill.state === 'delivered';
  await deps.journal.note(bill, { state: delivered ? 'delivered' : 'paid' });
  const { grant } = deps;
  if (grant === undefined) return { ...notGranted, delivered };
  return withLock(billLockName(bill.id), signal, () => grantOnceThenDeliver(deps, bill, grant, signal));
}
