// @ts-check
import { startBenchServer } from '../lib/bench-server.mjs';
import { createTokenIssuer } from '../lib/player-tokens.mjs';
import { ClientWorkers } from '../lib/client-workers.mjs';
import { sleep } from '../lib/clock.mjs';
import { notifyAtRate } from '../lib/notifier.mjs';

const PURCHASES = 20;
/** The result comes this long before the purchase's length is up, so no poll races it on a second boundary. */
const MARGIN_MS = 500;

/**
 * @typedef {object} MeasuredCost
 * @property {Exclude<import('../lib/args.mjs').Strategy, 'bare'>} strategy
 * @property {number} requests mean requests per purchase (the same count as the model's)
 * @property {number} storeReads mean bill reads on the server per purchase
 */

/** @param {number[]} values */
const mean = (values) => values.reduce((a, b) => a + b, 0) / values.length;

/**
 * Counts the real requests (and store reads) of purchases that last `seconds`: 20 per strategy, waits started
 * together (polls without random phase), the results notified `seconds` − 0.5 s later. `resume()` reads the
 * bill once before it waits (`purchase()` has it from the create); that one read is not counted, as the model
 * does not count it.
 * @param {Exclude<import('../lib/args.mjs').Strategy, 'bare'>} strategy
 * @param {number} seconds
 * @returns {Promise<MeasuredCost>}
 */
export async function requestCountPhase(strategy, seconds) {
  const auth = strategy === 'coinslot-auth' ? { issuer: await createTokenIssuer() } : undefined;
  const server = await startBenchServer(strategy === 'sleep-loop' ? 'sleep-loop' : 'coinslot', { perBill: true, auth });
  const workers = await ClientWorkers.start(1, { server: server.url, keys: server.keys, strategy, pollOffset: 'none' });
  try {
    const bills = await server.createBills(PURCHASES, `count-${strategy}`);
    const before = await server.rpc.call('counts');
    await workers.open(bills);
    await sleep(seconds * 1000 - MARGIN_MS);
    await notifyAtRate(server.url, server.secret, bills, 10_000);
    await workers.settled(PURCHASES, 10_000);
    const after = await server.rpc.call('counts');
    const resumeRead = strategy === 'polling' ? 0 : 1;
    const requests = bills.map((b) => {
      const now = after.perBill[b.id] ?? { results: 0, reads: 0 };
      const was = before.perBill[b.id] ?? { results: 0, reads: 0 };
      return now.results + now.reads - was.results - was.reads - resumeRead;
    });
    const storeReads = bills.map((b) => (after.storeReads[b.id] ?? 0) - (before.storeReads[b.id] ?? 0) - resumeRead);
    return { strategy, requests: mean(requests), storeReads: mean(storeReads) };
  } finally {
    await workers.stop();
    await server.rpc.stop();
  }
}
