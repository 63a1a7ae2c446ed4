// @ts-check
import { nowMs, sleep } from '../lib/clock.mjs';

/** The hold the idle waits ask for, so that each asks again about once a second. */
const IDLE_WAIT_SECONDS = 1;
/** The reference server's (and the SDK's) hold: at it, an idle wait asks again once per this many seconds. */
export const FULL_HOLD_SECONDS = 25;

/**
 * The background cost of idle waits on their own, on a phase's server and clients once its notify windows are over:
 * `count` more waits that are never notified and ask for 1 s holds instead of 25 s (the client's `wait`, as the SDK's
 * `waitSeconds: 1` sends it; the server is unchanged), so each asks again about once a second. Server CPU over `runs`
 * windows of `seconds`, divided by the `/result` requests that started in each: one re-ask is the hold's "still
 * pending" answer (for coinslot: a store read, and a signature unless the client asked `pending=unsigned`) and the
 * request that takes its place. The client processes' CPU over the same windows, per re-ask, beside it.
 * With `profileTo`, the server's CPU profile of the last window is written there.
 * @param {{ server: import('../lib/bench-server.mjs').BenchServer, workers: import('../lib/client-workers.mjs').ClientWorkers, count: number, runs: number, seconds: number, tag: string, profileTo?: string }} p
 * @returns {Promise<{ server: number[], clients: number[] }>} server and client CPU per re-ask, µs, one figure each per
 *   window that saw a re-ask
 */
export async function idleCost({ server, workers, count, runs, seconds, tag, profileTo }) {
  const bills = await server.createBills(count, `${tag}-idle`);
  await workers.open(bills, 60_000, IDLE_WAIT_SECONDS);
  // More than a hold, so that the re-asks spread out from the ramp that opened them.
  await sleep(1.2 * IDLE_WAIT_SECONDS * 1000);
  /** @type {{ server: number[], clients: number[] }} */
  const perReask = { server: [], clients: [] };
  for (let r = 0; r < runs; r += 1) {
    const profile = profileTo && r === runs - 1;
    if (profile) await server.rpc.call('profile-start');
    const before = {
      cpu: await server.rpc.call('cpu'),
      clients: await workers.cpuMs(),
      results: (await server.rpc.call('counts')).results,
      at: nowMs(),
    };
    await sleep(seconds * 1000);
    const cpu = (await server.rpc.call('cpu')) - before.cpu;
    const clients = (await workers.cpuMs()) - before.clients;
    const reasks = (await server.rpc.call('counts')).results - before.results;
    if (profile) await server.rpc.call('profile-stop', profileTo);
    // A window in which no idle wait happened to ask again has no cost per re-ask to report (0 re-asks: ∞ or NaN).
    if (reasks > 0) {
      perReask.server.push((cpu * 1000) / reasks);
      perReask.clients.push((clients * 1000) / reasks);
    }
  }
  return perReask;
}

/**
 * Server CPU a minute for 10 000 idle waits at the real 25 s hold, ms, from the CPU per re-ask: 10 000 × 60 / 25 =
 * 24 000 re-asks a minute.
 * @param {number} microsPerReask
 */
export const idleMsPerMinute = (microsPerReask) => (microsPerReask * 10_000 * (60 / FULL_HOLD_SECONDS)) / 1000;
