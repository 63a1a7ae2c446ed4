// @ts-check
import { until, sleep } from '../lib/random.mjs';
import { buyBill, eachBill } from './row-helpers.mjs';

/** Bills paid between two kills. */
const ROUND = 20;
/** The child's attempt timeout and concurrency: at most this many attempts are in flight when it is killed. */
const TIMEOUT_MS = 10_000;
const CONCURRENCY = 8;
/** The dispatcher's lease past the attempt timeout (`LEASE_MARGIN_MS` in the server's event-dispatcher.ts). */
const LEASE_MARGIN_MS = 30_000;

/**
 * The pay server (a child process on SQLite) is SIGKILLed after it acknowledged the paid notifications and before
 * the webhooks were sent: the game backend holds each round's first attempts open (half before granting, half after
 * granting and delivering), so they are on the wire with no outcome when the kill comes, and the rest wait in the
 * outbox behind the concurrency limit. After the restart the leased events must wait for their lease, then go.
 * @type {import('./fulfilment-case.mjs').FulfilmentCase}
 */
export const serverKilled = {
  name: 'pay server SIGKILLed between commit and dispatch',
  fault:
    `the pay server runs as a child process on SQLite; every ${ROUND} bills it is SIGKILLed once their paid and ` +
    `reversal notifications were acknowledged, while the game backend holds the first webhook attempts open (at ` +
    `most ${CONCURRENCY} in flight: half held before granting, half after granting and delivering) and the other ` +
    'events wait in the outbox; it is started again on the same data dir, and its clock moved past the lease ' +
    `(attempt timeout ${TIMEOUT_MS / 1000} s + ${LEASE_MARGIN_MS / 1000} s)`,
  server: 'child',
  events: { timeoutMs: TIMEOUT_MS, concurrency: CONCURRENCY },
  async play(row) {
    const child = /** @type {import('./child-server.mjs').ChildServer} */ (row.child);
    let kills = 0;
    let heldAtKill = 0;
    let queuedAtKill = 0;
    let sentEarly = 0;
    let resentAfterLease = 0;
    for (let first = 0; first < row.bills; first += ROUND) {
      const last = Math.min(row.bills, first + ROUND);
      /** @type {Map<string, number>} bill id → index, for this round */
      const round = new Map();
      /** @type {Set<string>} event ids whose first attempt the backend held */
      const held = new Set();
      row.backend.behave = ({ event, attempt }) => {
        const i = round.get(event.data.bill.id);
        if (event.type !== 'bill.paid' || attempt > 1 || i === undefined) return 'ok';
        held.add(event.id);
        return i % 2 === 0 ? 'stall' : 'stall-after';
      };
      let paid = 0;
      await eachBill(first, last, async (i) => {
        const { bill, approved } = await buyBill(row, i);
        round.set(bill.id, i);
        if (approved) paid += 1;
      });
      const inFlight = Math.min(CONCURRENCY, paid);
      if (!(await until(() => held.size >= inFlight && row.backend.open() >= inFlight, 10_000)))
        row.problems.push(`round ${kills + 1}: ${held.size} of ${inFlight} first attempts reached the backend`);
      await sleep(200); // the held-after-granting ones deliver first
      heldAtKill += held.size;
      queuedAtKill += paid - held.size;
      await child.kill();
      kills += 1;
      /** @type {Set<string>} held events sent again after the restart */
      const resent = new Set();
      row.backend.behave = ({ event }) => {
        if (held.has(event.id)) resent.add(event.id);
        return 'ok';
      };
      await child.restart();
      await sleep(1000);
      sentEarly += resent.size; // still leased: none may have been sent again yet
      await row.setClock(row.clock.offsetMs + TIMEOUT_MS + LEASE_MARGIN_MS + 1000);
      await row.settle();
      resentAfterLease += resent.size;
    }
    if (sentEarly > 0) row.problems.push(`${sentEarly} leased events were sent again before their lease ran out`);
    row.notes.push(
      `${kills} SIGKILLs; at the kills ${heldAtKill} first attempts were held open by the backend and ${queuedAtKill} ` +
        `paid events waited in the outbox; 1 s after each restart ${sentEarly} held events had been sent again (leased), ` +
        `and ${resentAfterLease} once the clock passed the lease`,
    );
    if (row.backend.deliverFailures.length > 0)
      row.notes.push(
        'the restarted server sends its waiting webhooks before it listens (createPayServer starts the dispatcher, then ' +
          "serveNode listens), so the backend's deliver calls from those handlers were refused",
      );
  },
};
