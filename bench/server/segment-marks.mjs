// @ts-check
// `npm run bench -- --segments`, the server's side: when each notified bill passed each step of the server, on the
// bench's one clock (`nowMs`). Only a server started with `--segments` builds one; without it nothing here runs.
import { nowMs } from '../lib/clock.mjs';

const NOTIFY_PATH = /^\/v1\/notify\//;
const RESULT_PATH = /^\/v1\/bills\/([^/?]+)\/result(?:\?|$)/;
/** Recent `getBill` times kept per bill: a notification's read is the first of them after its arrival. */
const READS_KEPT = 4;

/**
 * @typedef {object} ServerMarks one bill's steps through the server, ms (`nowMs`); NaN when not seen
 * @property {number} arrived its notification's `request` event
 * @property {number} read the first store `getBill` of the bill at or after that
 * @property {number} transitionCalled the store's `transition` called for it
 * @property {number} stored that `transition` resolved
 * @property {number} answered the first `/result` response for it to `finish` after the transition was called
 */

/**
 * Marks per bill id. The notification's bill id is only known inside the handler (it is in the signed body), so
 * the arrival is tied to its bill at the store's `transition`: the oldest notification in progress not yet tied to
 * one. That is exact when one notification is in progress at a time (most of them at 500/s); when several are, it
 * relies on them reaching the store in the order they arrived, which holds as every one takes the same path (body in
 * the same packet as the headers, the same awaits) — their count is kept (`matchedAmongSeveral`). Checked once
 * against the exact tie (an AsyncLocalStorage entered at each arrival — not kept: on Node 20 it hooks every promise
 * of the server): 1,800 of 1,800 the same, 283 of them among several in progress. A transition that is not a
 * notification's (the expiry sweep) would take an arrival that is not its own; the bench's bills do not expire
 * while it runs.
 */
export class SegmentMarks {
  /** @type {Map<string, ServerMarks>} */
  #bills = new Map();
  /** @type {Map<string, number[]>} recent `getBill` times per bill */
  #reads = new Map();
  /** @type {{ at: number }[]} notifications in progress, oldest first, not yet tied to a transition */
  #unmatched = [];
  #matchedAmongSeveral = 0;

  /**
   * The same store, marking `getBill` and `transition`; every other method goes straight to `store`.
   * @param {import('@coinslot/server').BillStore} store
   * @returns {import('@coinslot/server').BillStore}
   */
  wrapStore(store) {
    /** @param {string} id */
    const getBill = (id) => {
      const reads = this.#reads.get(id);
      if (reads) {
        reads.push(nowMs());
        if (reads.length > READS_KEPT) reads.shift();
      } else this.#reads.set(id, [nowMs()]);
      return store.getBill(id);
    };
    /** @type {import('@coinslot/server').BillStore['transition']} */
    const transition = (id, from, next, event) => {
      const marks = this.#transitionCalled(id, nowMs());
      return store.transition(id, from, next, event).then((outcome) => {
        if (marks) marks.stored = nowMs();
        return outcome;
      });
    };
    return new Proxy(store, {
      get(target, name) {
        if (name === 'getBill') return getBill;
        if (name === 'transition') return transition;
        const value = Reflect.get(target, name);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  }

  /**
   * Listens to the server's requests, ahead of its own handler (which `serveNode` calls from the same `request`
   * event, synchronously): a notification's arrival, and a held wait's answer handed to the socket (`finish`).
   * @param {import('node:http').Server} server
   */
  watch(server) {
    server.prependListener('request', (req, res) => {
      const url = req.url ?? '';
      if (req.method === 'POST' && NOTIFY_PATH.test(url)) {
        const arrival = { at: nowMs() };
        this.#unmatched.push(arrival);
        // A notification answered without reaching the store (refused) gives its arrival up.
        res.once('close', () => {
          const i = this.#unmatched.indexOf(arrival);
          if (i >= 0) this.#unmatched.splice(i, 1);
        });
        return;
      }
      const id = req.method === 'GET' ? RESULT_PATH.exec(url)?.[1] : undefined;
      if (id === undefined) return;
      res.once('finish', () => {
        const marks = this.#bills.get(id);
        if (marks && Number.isNaN(marks.answered)) marks.answered = nowMs();
      });
    });
  }

  /**
   * The marks of `ids` (those seen), and how many arrivals were tied among several in progress; forgets every mark.
   * @param {string[]} ids
   * @returns {{ bills: Record<string, ServerMarks>, matchedAmongSeveral: number }}
   */
  take(ids) {
    /** @type {Record<string, ServerMarks>} */
    const bills = {};
    for (const id of ids) {
      const marks = this.#bills.get(id);
      if (marks) bills[id] = marks;
    }
    const matchedAmongSeveral = this.#matchedAmongSeveral;
    this.#bills.clear();
    this.#reads.clear();
    this.#matchedAmongSeveral = 0;
    return { bills, matchedAmongSeveral };
  }

  /**
   * Ties the oldest unmatched arrival to the bill; its marks, or undefined when the bill already has them (a repeat).
   * @param {string} id @param {number} called @returns {ServerMarks | undefined}
   */
  #transitionCalled(id, called) {
    if (this.#unmatched.length > 1) this.#matchedAmongSeveral += 1;
    const arrived = this.#unmatched.shift()?.at ?? NaN;
    if (this.#bills.has(id)) return undefined;
    const read = this.#reads.get(id)?.find((at) => at >= arrived) ?? NaN;
    const marks = { arrived, read, transitionCalled: called, stored: NaN, answered: NaN };
    this.#bills.set(id, marks);
    return marks;
  }
}
