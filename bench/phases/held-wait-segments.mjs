// @ts-check
// `npm run bench -- --segments`: where a held wait's notify → verified result latency goes. Each notified bill's
// marks — t0 (the notifier), the server's (`bench/server/segment-marks.mjs`), the client's
// (`bench/client/client-marks.mjs`) and t1 — are one clock's readings, so each segment is the next mark minus this one.

/**
 * The marks in the order a notification passes them: key, and what the mark is.
 * @type {{ key: string, label: string }[]}
 */
export const MARKS = [
  { key: 'sent', label: 'notifier write' },
  { key: 'arrived', label: 'server has the notification (its request event)' },
  { key: 'read', label: 'the bill read for the check (store getBill)' },
  { key: 'transitionCalled', label: 'the store asked to transition (transition called)' },
  { key: 'stored', label: 'the transition stored (store transition resolves)' },
  { key: 'answered', label: "the held wait's answer handed to the socket (response 'finish')" },
  { key: 'received', label: 'the client has the answer (its fetch resolves)' },
  { key: 'verifyCalled', label: 'signature check begins (the verifier called)' },
  { key: 'verified', label: 'signature verified (the verifier returns)' },
  { key: 'resumed', label: 'resume() resolves (t1)' },
];

/**
 * @typedef {object} SegmentFigures one segment over every notified wait that has both its marks, ms
 * @property {string} label
 * @property {number} count waits measured
 * @property {number} p50
 * @property {number} p90
 * @property {number} p99
 */

/**
 * @typedef {object} SegmentsResult
 * @property {number} windows notify windows pooled
 * @property {number} waits notified waits pooled, over every window
 * @property {SegmentFigures[]} segments from each mark to the next, in order
 * @property {SegmentFigures} total t0 → t1
 * @property {number} matchedAmongSeveral notifications tied to their bill while others were in progress (in order of
 *   arrival, see `segment-marks.mjs`)
 */

/** Nearest-rank percentile of sorted values (as `summarize`). @param {Float64Array} sorted @param {number} p */
const rank = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

/** @param {string} label @param {number[]} values */
function figures(label, values) {
  const sorted = Float64Array.from(values).sort();
  return { label, count: sorted.length, p50: rank(sorted, 50), p90: rank(sorted, 90), p99: rank(sorted, 99) };
}

/** Every window's marks of a held-wait row, pooled: one distribution per segment. */
export class HeldWaitSegments {
  /** @type {number[][]} per segment, every wait's duration */
  #columns = MARKS.slice(1).map(() => /** @type {number[]} */ ([]));
  /** @type {number[]} */
  #total = [];
  #windows = 0;
  #waits = 0;
  #matchedAmongSeveral = 0;

  /**
   * Takes one window's marks from the server and the client workers (which forget them) for the notified bills.
   * Call it after the window settled and its CPU was read: the calls are not the window's work.
   * @param {{ server: import('../lib/bench-server.mjs').BenchServer, workers: import('../lib/client-workers.mjs').ClientWorkers, ids: string[], sentAt: Map<string, number>, resolvedAt: Map<string, number> }} window
   */
  async collect({ server, workers, ids, sentAt, resolvedAt }) {
    const [fromServer, fromClients] = await Promise.all([
      server.rpc.call('segment-marks', ids),
      workers.all((w) => w.call('segment-marks', ids)),
    ]);
    /** @type {Record<string, Record<string, number>>} */
    const clients = Object.assign({}, ...fromClients);
    for (const id of ids) {
      /** @type {Record<string, number | undefined>} */
      const marks = {
        sent: sentAt.get(id),
        ...fromServer.bills[id],
        ...clients[id],
        resumed: resolvedAt.get(id),
      };
      const at = MARKS.map(({ key }) => marks[key] ?? NaN);
      for (let i = 1; i < at.length; i += 1) {
        const span = /** @type {number} */ (at[i]) - /** @type {number} */ (at[i - 1]);
        if (Number.isFinite(span)) this.#columns[i - 1]?.push(span);
      }
      const total = /** @type {number} */ (at[at.length - 1]) - /** @type {number} */ (at[0]);
      if (Number.isFinite(total)) this.#total.push(total);
    }
    this.#windows += 1;
    this.#waits += ids.length;
    this.#matchedAmongSeveral += fromServer.matchedAmongSeveral;
  }

  /** p50, p90 and p99 of each segment and of the total, pooled over the windows collected. @returns {SegmentsResult} */
  summary() {
    return {
      windows: this.#windows,
      waits: this.#waits,
      segments: this.#columns.map((values, i) => figures(MARKS[i + 1]?.label ?? '', values)),
      total: figures('total', this.#total),
      matchedAmongSeveral: this.#matchedAmongSeveral,
    };
  }
}
