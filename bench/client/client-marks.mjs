// @ts-check
// `npm run bench -- --segments`, the client's side: when each wait's answer reached the SDK and when its signature
// was checked, on the bench's one clock (`nowMs`). A worker set up with `segments` wraps the fetch and the verifier it
// hands each wait's `createCoinslot()`; without it, the SDK gets them bare.
import { nowMs } from '../lib/clock.mjs';

/**
 * @typedef {object} ClientMarks one wait's last answer, ms (`nowMs`); NaN when not seen
 * @property {number} received its last `/result` fetch resolved (the answer's head is in)
 * @property {number} verifyCalled its last signature check began (the verifier called)
 * @property {number} verified that check returned
 */

/** @typedef {NonNullable<import('@coinslot/core').CoinslotOptions['verifier']>} ResultVerifier */

/** @param {Parameters<typeof fetch>[0]} input */
const urlOf = (input) => (typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);

/**
 * Marks per bill id. Every wait has its own SDK instance, so the fetch and the verifier handed to it are that bill's
 * own: the marks are exact, not guessed from which answer came last. A hold that ended "still pending" is answered
 * and verified too; its marks are overwritten by the later answer, so the marks kept are those of the answer that
 * ended the wait.
 */
export class WaitMarks {
  /** @type {Map<string, ClientMarks>} */
  #bills = new Map();

  /** @param {string} billId */
  #of(billId) {
    let marks = this.#bills.get(billId);
    if (!marks) this.#bills.set(billId, (marks = { received: NaN, verifyCalled: NaN, verified: NaN }));
    return marks;
  }

  /**
   * `fetch` for one wait's SDK instance, marking when each `/result` fetch resolves.
   * @param {string} billId
   * @param {typeof fetch} fetch
   * @returns {typeof fetch}
   */
  fetchFor(billId, fetch) {
    const marks = this.#of(billId);
    return (input, init) =>
      fetch(input, init).then((response) => {
        if (urlOf(input).includes('/result')) marks.received = nowMs();
        return response;
      });
  }

  /**
   * `verifier` for one wait's SDK instance, marking when each check begins and returns.
   * @param {string} billId
   * @param {ResultVerifier} verifier
   * @returns {ResultVerifier}
   */
  verifierFor(billId, verifier) {
    const marks = this.#of(billId);
    return (key, signature, signedBytes) => {
      const called = nowMs();
      const verified = (/** @type {boolean} */ ok) => {
        marks.verifyCalled = called;
        marks.verified = nowMs();
        return ok;
      };
      const ok = verifier(key, signature, signedBytes);
      return typeof ok === 'boolean' ? verified(ok) : ok.then(verified);
    };
  }

  /**
   * The marks of `ids` this worker holds, forgotten here.
   * @param {string[]} ids
   * @returns {Record<string, ClientMarks>}
   */
  take(ids) {
    /** @type {Record<string, ClientMarks>} */
    const bills = {};
    for (const id of ids) {
      const marks = this.#bills.get(id);
      if (!marks) continue;
      bills[id] = marks;
      this.#bills.delete(id);
    }
    return bills;
  }
}
