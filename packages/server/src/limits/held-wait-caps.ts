import type { Identity } from '../auth/identity.js';
import { ipBucket } from './ip-bucket.js';
import type { ResolvedLimits } from './limit-options.js';
import { identityKey, rateLimited } from './rate-limiter.js';

/** What a client over a held-wait cap is told to wait: long enough for some of its holds to end. */
const CAP_RETRY_AFTER_MS = 5000;

/** One held wait's places in the counts; give it back with {@link HeldWaitCaps.release}. */
export interface HeldWaitSlot {
  readonly bill: string;
  readonly identity: string | undefined;
  readonly ip: string | undefined;
}

function add(counts: Map<string, number>, key: string | undefined, by: number): void {
  if (key === undefined) return;
  const next = (counts.get(key) ?? 0) + by;
  if (next === 0) counts.delete(key);
  else counts.set(key, next);
}

/**
 * Counts the held waits of this process per bill, per identity and per client IP, so one client cannot hold
 * thousands of connections (and file descriptors). A wait over a cap is refused at once, never held.
 */
export class HeldWaitCaps {
  readonly #bills = new Map<string, number>();
  readonly #identities = new Map<string, number>();
  readonly #ips = new Map<string, number>();

  constructor(private readonly limits: ResolvedLimits) {}

  /** A slot for a wait on `billId`, or the name of the cap it would pass. */
  acquire(billId: string, identity: Identity, request: Request): HeldWaitSlot | 'bill' | 'identity' | 'ip' {
    const who = identityKey(identity);
    const ip = ipBucket(request, identity, this.limits);
    if ((this.#bills.get(billId) ?? 0) >= this.limits.heldWaitsPerBill) return 'bill';
    if (who !== undefined && (this.#identities.get(who) ?? 0) >= this.limits.heldWaitsPerIdentity) return 'identity';
    if (ip !== undefined && (this.#ips.get(ip) ?? 0) >= this.limits.heldWaitsPerIp) return 'ip';
    add(this.#bills, billId, 1);
    add(this.#identities, who, 1);
    add(this.#ips, ip, 1);
    return { bill: billId, identity: who, ip };
  }

  /** {@link acquire}, or `429 RATE_LIMITED` naming the cap: the wait is refused at once, never held. */
  take(billId: string, identity: Identity, request: Request): HeldWaitSlot {
    const slot = this.acquire(billId, identity, request);
    if (typeof slot === 'object') return slot;
    const cap = { bill: 'this bill', identity: 'this credential', ip: 'this address' }[slot];
    throw rateLimited(`too many held waits on ${cap}`, CAP_RETRY_AFTER_MS);
  }

  /** Gives a slot back (once, in `finally`). */
  release(slot: HeldWaitSlot): void {
    add(this.#bills, slot.bill, -1);
    add(this.#identities, slot.identity, -1);
    add(this.#ips, slot.ip, -1);
  }

  /** Held waits on `billId` now. */
  heldOn(billId: string): number {
    return this.#bills.get(billId) ?? 0;
  }
}
