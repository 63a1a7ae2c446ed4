import type { Bill } from '@coinslot/protocol';
import { billLockName, withLock } from '../locks/named-lock.js';
import type { DeliverResult } from '../coinslot.js';
import { readSignedResult } from '../purchase/held-wait.js';
import { mergeSigned } from '../purchase/settle-result.js';
import type { CoinslotRuntime } from '../runtime.js';
import type { GrantHook } from './grant-types.js';

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
const notGranted: PaidProgress = { granted: false, grantedHere: false, delivered: false };

/**
 * Record a delivery on the pay server, then in the journal — the `known` bill (the verified one), else the server's
 * answer — and emit `bill-delivered`. For `deliver()` and for core's own delivery after a grant.
 */
export async function recordDelivery(rt: CoinslotRuntime, billId: string, signal: AbortSignal, known?: Bill): Promise<DeliverResult> {
  const answer = await rt.client.deliver(billId, signal);
  await rt.journal.note(known ? { ...known, deliveredAt: answer.bill.deliveredAt ?? Date.now() } : answer.bill, { state: 'delivered' });
  rt.emitter.emit('bill-delivered', answer);
  return answer;
}

async function deliver(rt: CoinslotRuntime, bill: Bill, signal: AbortSignal): Promise<boolean> {
  try {
    await recordDelivery(rt, bill.id, signal, bill);
    return true;
  } catch (error) {
    if (signal.aborted) throw error;
    rt.logger.warn(`Bill ${bill.id} is granted but its delivery could not be recorded; recovery will record it.`, { error });
    return false;
  }
}

/** Inside the bill's lock: the journal and the server's signed state decide whether `grant` may run. */
async function grantOnceThenDeliver(rt: CoinslotRuntime, paid: Bill, grant: GrantHook, signal: AbortSignal): Promise<PaidProgress> {
  const before = await rt.journal.read(paid.id);
  if (before?.state === 'delivered') return done;
  // The state now, signed: only a verified state may decide whether to grant.
  const bill = mergeSigned(paid, await readSignedResult(rt, paid.id, 0, signal));
  if (bill.state === 'delivered') {
    await rt.journal.note(bill, { state: 'delivered' });
    return done;
  }
  if (bill.state !== 'paid') return notGranted;
  const grantedHere = before?.state !== 'granted';
  if (grantedHere) {
    let applied: boolean;
    try {
      applied = (await grant({ billId: bill.id, bill })) !== false;
    } catch (error) {
      rt.logger.error(`The app's grant for bill ${bill.id} threw; the bill stays paid and is offered again on recovery.`, { error });
      rt.emitter.emit('grant-failed', { bill, error });
      return notGranted;
    }
    await rt.journal.note(bill, { state: 'granted' });
    rt.emitter.emit('bill-granted', { bill, applied });
  }
  return { granted: true, grantedHere, delivered: await deliver(rt, bill, signal) };
}

/**
 * Finish a bill whose verified result says paid (or delivered). With the app's `grant`: under the bill's lock,
 * grant it at most once per journal, then record the delivery. Without: record it as paid; the app grants
 * and calls `deliver()`.
 */
export async function completePaid(rt: CoinslotRuntime, bill: Bill, signal: AbortSignal): Promise<PaidProgress> {
  const delivered = bill.state === 'delivered';
  await rt.journal.note(bill, { state: delivered ? 'delivered' : 'paid' });
  const grant = rt.grant;
  if (grant === undefined) return { granted: false, grantedHere: false, delivered };
  return withLock(billLockName(bill.id), signal, () => grantOnceThenDeliver(rt, bill, grant, signal));
}
