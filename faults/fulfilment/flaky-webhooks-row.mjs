// @ts-check
import { tally } from './fulfilment-accounting.mjs';
import { buyBill, eachBill } from './row-helpers.mjs';
import { nextDueAt } from './run-fulfilment-case.mjs';

const TIMEOUT_MS = 300;
/** How the failed attempts are answered (`game-backend.mjs`'s behaviours). */
const FAILURES = /** @type {const} */ (['slow', 'refuse-503', 'fail-500-after', 'reset-after']);
/** At most this many of an event's attempts fail at the backend. */
const MAX_FAILED_ANSWERS = 3;
/** The retry steps at which the backend is down: at most two more failed attempts per event. */
const DOWN_STEPS = [1, 3];
/** Each step moves the clock this far past the next retry due, so the retries of one wave go together. */
const STEP_WINDOW_MS = 2_000;

/**
 * The game backend answers some attempts badly: too slowly, 503, 500 after granting, or by cutting the connection
 * after granting; at some retry steps it is not listening at all. An event never fails more than 5 of its 8 attempts.
 * @type {import('./fulfilment-case.mjs').FulfilmentCase}
 */
export const flakyWebhooks = {
  name: 'webhooks answered slowly, 5xx, reset or refused',
  fault:
    `each event's first 0–${MAX_FAILED_ANSWERS} attempts (random per event) are answered badly — after the ${TIMEOUT_MS} ms ` +
    'attempt timeout (granted, then answered 204 too late), 503 (nothing done), 500 after granting, or a reset ' +
    `connection after granting — and at the retry steps ${DOWN_STEPS.join(' and ')} the backend is not listening ` +
    "(connection refused); the pay server's clock moves to each wave of retries due; 1 in 5 paid bills is refunded or " +
    'charged back',
  events: { timeoutMs: TIMEOUT_MS },
  async play(row) {
    row.backend.slowMs = TIMEOUT_MS + 200;
    /** @type {Map<string, string[]>} the failed answers planned per event id */
    const plans = new Map();
    /** @type {string[]} */
    const answered = [];
    row.backend.behave = ({ event, attempt }) => {
      let plan = plans.get(event.id);
      if (!plan) {
        const failures = Math.floor(row.random() * (MAX_FAILED_ANSWERS + 1));
        plan = Array.from({ length: failures }, () => FAILURES[Math.floor(row.random() * FAILURES.length)] ?? 'slow');
        plans.set(event.id, plan);
      }
      const behaviour = /** @type {import('./game-backend.mjs').Behaviour} */ (plan[attempt - 1] ?? 'ok');
      answered.push(behaviour);
      return behaviour;
    };
    await eachBill(0, row.bills, async (i) => void (await buyBill(row, i)));

    const server = /** @type {import('./in-process-server.mjs').InProcessServer} */ (row.inProcess);
    let refused = 0;
    let steps = 0;
    for (; ; steps += 1) {
      await server.payServer.events.drain();
      const next = await nextDueAt(server.store);
      if (next === undefined) break;
      const at = next + STEP_WINDOW_MS;
      if (at > row.clock.now()) await row.setClock(row.clock.offsetMs + at - row.clock.now());
      if (DOWN_STEPS.includes(steps + 1)) {
        const before = (await server.payServer.events.stats()).failedAttempts;
        await row.backend.down();
        await server.payServer.events.drain();
        refused += (await server.payServer.events.stats()).failedAttempts - before;
        await row.backend.up();
      }
    }
    row.notes.push(
      `attempts answered: ${tally(answered)}; ${refused} refused at the ${DOWN_STEPS.length} retry steps with the ` +
        `backend down (of ${steps} steps)`,
    );
  },
};
