// @ts-check
import { nowMs } from '../lib/clock.mjs';
import { notification } from '../lib/notifier.mjs';
import { RawHttpConnection } from '../lib/raw-http-connection.mjs';

/**
 * @typedef {object} CommitResult paid-bill commits per second through `POST /v1/notify` on one instance, with the
 *   PostgreSQL bus (another instance listening) and without wake-ups between instances (in-process bus), rounds
 *   interleaved
 * @property {number[]} withBus commits/s per round
 * @property {number[]} without commits/s per round
 * @property {number[]} ratios withBus / without, per round (same moment, same load)
 * @property {import('./rig.mjs').CpuSplit[]} cpuWithout CPU per commit without wake-ups, per round
 * @property {import('./rig.mjs').CpuSplit[]} cpuWithBus CPU per commit with the PostgreSQL bus, per round
 */

/**
 * The channel's notifications, built in full before the clock starts (signed as the sandbox driver checks).
 * @param {string} url @param {string} secret @param {import('../lib/bench-server.mjs').BenchBill[]} bills
 */
const requests = (url, secret, bills) => bills.map((bill) => notification(new URL(url).host, secret, bill));

/**
 * Pays every bill through the rig's notified instance, `lanes` notifications in flight at once (one keep-alive
 * connection per lane, a raw writer: a `fetch` per request cost the payer as much CPU as the server it measured);
 * answers commits per second and the CPU per commit.
 * @param {import('./rig.mjs').Rig} rig
 * @param {{ query: (text: string, values?: unknown[]) => Promise<{ rows: any[] }> }} admin
 * @param {number} count @param {number} lanes
 */
export async function payAsFastAsPossible(rig, admin, count, lanes) {
  const url = rig.notifyOn.url;
  const all = requests(url, rig.deployment.secret, rig.take(count));
  const connections = await Promise.all(Array.from({ length: lanes }, () => RawHttpConnection.open(url)));
  try {
    const meter = await rig.meter(admin, async () => 0);
    let next = 0;
    const started = nowMs();
    await Promise.all(
      connections.map(async (connection) => {
        for (let i = next++; i < all.length; i = next++) {
          const status = await connection.send(/** @type {string} */ (all[i]));
          if (status !== 200) throw new Error(`notify answered ${status}`);
        }
      }),
    );
    const perSecond = (count * 1000) / (nowMs() - started);
    return { perSecond, cpu: await meter.stop(count) };
  } finally {
    for (const connection of connections) connection.close();
  }
}

/**
 * Paid commits per second with the PostgreSQL bus (`withBus`: its instance B, A listening) against the same without
 * wake-ups between instances (`without`: the one-process row's instance), `rounds` rounds, the order alternating so
 * a machine that gets busier (or quieter) during a round favours neither.
 * @param {{ without: import('./rig.mjs').Rig, withBus: import('./rig.mjs').Rig }} rigs
 * @param {{ query: (text: string, values?: unknown[]) => Promise<{ rows: any[] }> }} admin
 * @param {{ bills: number, lanes: number, rounds: number }} p
 * @returns {Promise<CommitResult>}
 */
export async function commitRounds(rigs, admin, { bills, lanes, rounds }) {
  /** @type {CommitResult} */
  const result = { withBus: [], without: [], ratios: [], cpuWithout: [], cpuWithBus: [] };
  for (let r = 0; r < rounds; r += 1) {
    /** @type {('without' | 'withBus')[]} */
    const order = r % 2 === 0 ? ['without', 'withBus'] : ['withBus', 'without'];
    /** @type {Record<string, { perSecond: number, cpu: import('./rig.mjs').CpuSplit }>} */
    const round = {};
    for (const which of order) round[which] = await payAsFastAsPossible(rigs[which], admin, bills, lanes);
    const { without, withBus } = /** @type {Record<'without' | 'withBus', { perSecond: number, cpu: any }>} */ (round);
    result.without.push(without.perSecond);
    result.withBus.push(withBus.perSecond);
    result.ratios.push(withBus.perSecond / without.perSecond);
    result.cpuWithout.push(without.cpu);
    result.cpuWithBus.push(withBus.cpu);
  }
  return result;
}
