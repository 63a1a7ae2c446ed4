// @ts-check

/** The reference server's longest hold, and the SDK's default `waitSeconds` (protocol §3). */
export const HOLD_SECONDS = 25;
/** The polling baseline's period, and the sleep-loop baseline's re-read interval. */
export const PERIOD_SECONDS = 1;

/**
 * @typedef {object} PurchaseCost
 * @property {number} requests HTTP requests the client makes while it waits, up to and including the one that
 *   brings the verified result (creating the bill and `deliver` come on top, the same for every strategy)
 * @property {number} storeReads bill reads on the server for those requests and the notification (the reference
 *   server reads the bill once to decide whether to hold and once to answer a hold that ran out, while the hold the
 *   notification's change woke answers the bill that change stored, unread, and a settled bill is answered from the
 *   read that found it settled; a poll reads it once; the sleep loop once a second; the notification once)
 */

/**
 * What one purchase costs when its result reaches the server `seconds` after the client starts waiting
 * (just before that moment, never on a boundary), from the protocol's rules — not measured:
 * - held wait: one request per 25 s hold; the one in progress answers the moment the result is stored;
 * - short polling: `GET /v1/bills/:id` at 0, 1, 2 … s; the first poll after the result sees it, then one
 *   `GET …/result?wait=0` fetches the signed result;
 * - sleep-loop server: the client's requests are the held wait's, but each hold re-reads the store every
 *   second (at its start, every second, and at its end).
 * @param {'coinslot' | 'coinslot-auth' | 'polling' | 'sleep-loop'} strategy (auth changes no request)
 * @param {number} seconds
 * @returns {PurchaseCost}
 */
export function purchaseCost(strategy, seconds) {
  const result = seconds - 1e-3;
  if (strategy === 'polling') {
    const polls = Math.floor(result / PERIOD_SECONDS) + 2;
    // Each poll reads once; the signed read of the settled bill once (it answers from the read that found it
    // settled); the notification once.
    return { requests: polls + 1, storeReads: polls + 1 + 1 };
  }
  const holds = Math.floor(result / HOLD_SECONDS) + 1;
  // Every hold reads at its start; one that ran out reads again to answer; the woken one answers unread.
  if (strategy === 'coinslot' || strategy === 'coinslot-auth') return { requests: holds, storeReads: 2 * holds };
  // Each hold reads at 0, 1, … s until it sees the result or its end, then answers through the real server with
  // `wait=0` (1 read: the bill is settled, or the hold is over).
  const fullHoldReads = HOLD_SECONDS / PERIOD_SECONDS + 1 + 1;
  const lastHoldReads = Math.floor((result % HOLD_SECONDS) / PERIOD_SECONDS) + 2 + 1;
  return { requests: holds, storeReads: (holds - 1) * fullHoldReads + lastHoldReads + 1 };
}
