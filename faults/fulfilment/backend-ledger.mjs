// @ts-check

/**
 * A verified event as the game backend's handler sees it (what `createEventReceiver` returns).
 * @typedef {{ id: string, type: string, timestamp: string, data: { bill: Record<string, any> } }} ReceivedEvent
 */

/** The reversal events: each one takes (part of) a granted item back. */
export const REVERSAL_TYPES = ['bill.refunded', 'bill.charged_back'];

/**
 * The game backend's own records, as its database would hold them: which event ids it processed (the dedup rows),
 * how often it granted each bill's item, and what it took back. `dedup: false` is the planted fault `no-dedup`: the
 * handler forgets the dedup rows and grants on every `bill.paid` webhook that reaches it.
 */
export class BackendLedger {
  /** @param {{ dedup: boolean, now: () => number }} options */
  constructor({ dedup, now }) {
    this.dedup = dedup;
    this.now = now;
    /** Event ids processed, with when each first arrived (the game backend's clock). @type {Map<string, number>} */
    this.processed = new Map();
    /** Times each bill's item was granted. @type {Map<string, number>} */
    this.grants = new Map();
    /** The reversal events applied, by event id. @type {Map<string, { billId: string, type: string }>} */
    this.reversals = new Map();
    /** What was taken back per bill: the refunded total, and whether it was charged back. @type {Map<string, { refundedAmount: number, chargedBack: boolean }>} */
    this.takenBack = new Map();
    /** Verified webhooks of an event already processed: a retry, absorbed. */
    this.duplicates = 0;
    /** Reversals that arrived for a bill the game had not granted (out of order, or its paid event lost). */
    this.reversedUngranted = 0;
  }

  /**
   * Records a verified event in one step (the dedup row and the grant or reversal together, as one database
   * transaction would). Answers whether it was new.
   * @param {ReceivedEvent} event
   */
  apply(event) {
    const seen = this.processed.has(event.id);
    if (seen) this.duplicates += 1;
    else this.processed.set(event.id, this.now());
    if (seen && this.dedup) return false;
    const billId = event.data.bill.id;
    if (event.type === 'bill.paid') {
      // Keyed by bill id as well: a second paid event of one bill would grant nothing (and is counted by accounting).
      if (!this.dedup || !this.grants.has(billId)) this.grants.set(billId, (this.grants.get(billId) ?? 0) + 1);
    } else if (REVERSAL_TYPES.includes(event.type)) {
      if (!this.grants.has(billId)) this.reversedUngranted += 1;
      this.reversals.set(event.id, { billId, type: event.type });
      const taken = this.takenBack.get(billId) ?? { refundedAmount: 0, chargedBack: false };
      if (event.type === 'bill.refunded')
        taken.refundedAmount = Math.max(taken.refundedAmount, event.data.bill.refundedAmount ?? 0);
      else taken.chargedBack = true;
      this.takenBack.set(billId, taken);
    }
    return !seen;
  }
}
