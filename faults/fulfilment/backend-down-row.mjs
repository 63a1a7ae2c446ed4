// @ts-check
import { WEBHOOK_RETRY_DELAYS_MS } from '@coinslot/protocol';
import { listAllEvents } from './fulfilment-accounting.mjs';
import { buyBill, hours, reverseBill, reversalOf } from './row-helpers.mjs';
import { nextDueAt } from './run-fulfilment-case.mjs';

const HOUR = 3_600_000;
const OUTAGE_MS = 26 * HOUR;
/** The whole retry schedule: the last attempt is this long after the event was recorded (27 h 35 min 5 s). */
const SCHEDULE_MS = WEBHOOK_RETRY_DELAYS_MS.reduce((sum, delay) => sum + delay, 0);
/**
 * Each retry is due a delay after the failed attempt, and real milliseconds pass between the clock's steps, so the
 * last attempt may come a little after `SCHEDULE_MS`: this much is allowed.
 */
const STEP_SLACK_MS = 60_000;

/**
 * The game backend is down for 26 simulated hours. Each bill is paid at a random moment of the outage, so its events
 * wait 0–26 h for the backend; the clock moves from one moment something happens (a payment, a reversal, a retry
 * due, the backend back) to the next, flushing the dispatcher at each.
 * @type {import('./fulfilment-case.mjs').FulfilmentCase}
 */
export const backendDown = {
  name: 'game backend down 0–26 h',
  fault:
    'the game backend is down (connection refused) for 26 simulated hours; each bill is paid at a random moment of ' +
    'the outage, so its events wait 0–26 h for the backend, and 1 in 5 paid bills is refunded or charged back 0–4 h ' +
    "after its payment; the pay server's clock (its `now` option) moves ahead to each payment, reversal and retry " +
    'due, with the dispatcher flushed at each step',
  async play(row) {
    const start = row.clock.now();
    const comeback = start + OUTAGE_MS;
    await row.backend.down();
    /** @type {Array<{ at: number, run: () => Promise<void> }>} */
    const actions = [];
    for (let i = 0; i < row.bills; i += 1) {
      const at = start + row.random() * OUTAGE_MS;
      const reverseAt = at + row.random() * 4 * HOUR;
      actions.push({
        at,
        run: async () => {
          const { bill, approved } = await buyBill(row, i, { reverse: false });
          const reversal = reversalOf(i);
          if (approved && reversal) actions.push({ at: reverseAt, run: () => reverseBill(row, bill.id, reversal) });
        },
      });
    }
    const server = /** @type {import('./in-process-server.mjs').InProcessServer} */ (row.inProcess);
    let steps = 0;
    for (let up = false; ; steps += 1) {
      const now = row.clock.now();
      if (!up && now >= comeback) {
        await row.backend.up();
        up = true;
      }
      actions.sort((a, b) => a.at - b.at);
      while (actions.length > 0 && /** @type {{ at: number }} */ (actions[0]).at <= now)
        await /** @type {{ run: () => Promise<void> }} */ (actions.shift()).run();
      await server.payServer.events.flush();
      const next = [actions[0]?.at, up ? undefined : comeback, await nextDueAt(server.store)].filter(
        (t) => t !== undefined,
      );
      if (next.length === 0) break;
      const at = Math.min(...next);
      if (at > row.clock.now()) await row.setClock(row.clock.offsetMs + at - row.clock.now());
    }

    // When each event reached the game backend, measured from when it was recorded.
    const arrivals = (await listAllEvents(row.client)).flatMap((event) => {
      const arrived = row.backend.ledger.processed.get(event.id);
      const recorded = Date.parse(event.timestamp);
      return arrived === undefined ? [] : [{ event, recorded, waited: arrived - recorded, after: arrived - comeback }];
    });
    const paid = arrivals.filter((a) => a.event.type === 'bill.paid');
    const late = arrivals.filter((a) => a.waited > SCHEDULE_MS + STEP_SLACK_MS);
    if (late.length > 0) row.problems.push(`${late.length} events arrived after the retry schedule's last attempt`);
    const range = (/** @type {number[]} */ values) =>
      values.length === 0 ? 'none' : `${hours(Math.min(...values))}–${hours(Math.max(...values))}`;
    row.notes.push(
      `${steps} clock steps; the bills were paid ${range(paid.map((a) => comeback - a.recorded))} before the backend came back; ` +
        `every event reached it ${range(arrivals.map((a) => a.waited))} after it was recorded (the schedule's last attempt: ${hours(SCHEDULE_MS)}), ` +
        `at most ${hours(Math.max(0, ...arrivals.map((a) => a.after)))} after the backend was back`,
    );
  },
};
